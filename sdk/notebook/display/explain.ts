import { twoColumns } from './columns.ts';
import { escapeHtml, jsonText } from './html.ts';
import type { Redactor } from './redact.ts';
import type { MimeBundle } from './types.ts';

/**
 * What the explain renderer reads, all optional: compiled SQL (one text, or one per dialect), a stream
 * plan under `streamPlan`, `plan` or `stream`, and output columns. The feature compiler's
 * `explain(set)` result has this shape, and so does any object whose `explain()` returns it.
 */
export interface ExplainLike {
  readonly name?: string;
  readonly version?: number;
  readonly sql?: string | Readonly<Record<string, string>>;
  readonly streamPlan?: unknown;
  readonly plan?: unknown;
  readonly stream?: unknown;
  readonly outputs?: readonly { readonly name: string; readonly type: string; readonly window?: string | null }[];
}

/** An object that explains itself (`explain()`), or an explanation. */
export function isExplainable(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  if (typeof o.explain === 'function') return true;
  return (
    (typeof o.sql === 'string' || (typeof o.sql === 'object' && o.sql !== null)) && ('streamPlan' in o || 'plan' in o || 'outputs' in o)
  );
}

function explanation(x: unknown): ExplainLike {
  const o = x as { explain?: () => unknown };
  return (typeof o.explain === 'function' ? o.explain() : x) as ExplainLike;
}

/**
 * The compiled SQL on the left and the stream plan on the right (the output columns when there is no
 * plan yet), for a feature definition or anything shaped like one's explanation.
 *
 * @example
 * show(explainBundle(explain(creatorEngagement), { dialect: 'trino', redact }));
 */
export function explainBundle(x: unknown, options: { dialect?: string; redact: Redactor }): MimeBundle {
  const e = explanation(x);
  const label = e.name ? `${e.name}${e.version === undefined ? '' : ` v${e.version}`}` : 'definition';
  let sqlTitle = 'SQL';
  let sqlText = '-- no SQL in this explanation';
  if (typeof e.sql === 'string') sqlText = e.sql;
  else if (e.sql && typeof e.sql === 'object') {
    const dialects = Object.keys(e.sql);
    const dialect =
      options.dialect && dialects.includes(options.dialect) ? options.dialect : dialects.includes('duckdb') ? 'duckdb' : dialects[0];
    if (dialect) {
      sqlTitle = `SQL (${dialect}${dialects.length > 1 ? `; also ${dialects.filter((d) => d !== dialect).join(', ')}` : ''})`;
      sqlText = e.sql[dialect] ?? sqlText;
    }
  }
  const plan = e.streamPlan ?? e.plan ?? e.stream;
  const right =
    plan !== undefined
      ? { title: 'stream plan', code: typeof plan === 'string' ? plan : jsonText(plan, 2) }
      : e.outputs
        ? { title: 'outputs (no stream plan in this explanation)', html: outputsHtml(e.outputs, options.redact) }
        : { title: 'stream plan', text: 'no stream plan in this explanation' };
  const body = twoColumns({ title: `${label} — ${sqlTitle}`, code: sqlText }, right, options.redact);
  return body;
}

function outputsHtml(outputs: NonNullable<ExplainLike['outputs']>, redact: Redactor): string {
  const rows = outputs
    .map(
      (o) => `<tr><td>${escapeHtml(redact(o.name))}</td><td>${escapeHtml(redact(o.type))}</td><td>${escapeHtml(o.window ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>column</th><th>type</th><th>window</th></tr></thead><tbody>${rows}</tbody></table>`;
}
