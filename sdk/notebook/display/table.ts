import { cellText, escapeHtml, formatCount } from './html.ts';
import type { Redactor } from './redact.ts';
import { type Tabular, toTabular } from './tabular.ts';
import type { MimeBundle } from './types.ts';

export interface TableOptions {
  /** Rows shown before the table is cut (default 20); the caption gives the full count. */
  readonly maxRows?: number;
  /** Columns shown (default 40). */
  readonly maxColumns?: number;
  /** Characters per cell before it is cut with `…` (default 120). */
  readonly maxCellChars?: number;
  readonly title?: string;
  readonly redact: Redactor;
}

const HEAD = 'style="text-align:left;vertical-align:bottom"';
const SUB = 'style="font-weight:normal;opacity:0.65;font-size:85%;white-space:nowrap"';
const NULL = '<span style="opacity:0.45;font-style:italic">null</span>';
const CAPTION = 'style="opacity:0.7;font-size:85%;margin-top:4px"';

/**
 * A rich table for rows of objects, a query result, an Arrow table or a danfo DataFrame: each header
 * names the column, its type and its null count; rows past `maxRows` are cut and the caption says how
 * many there are. Every string is redacted, then HTML-escaped. Undefined when `data` is not a table.
 *
 * @example
 * tableBundle([{ creator: 'c-1', likes: 10n }], { redact: (s) => s })?.['text/html'];
 */
export function tableBundle(data: unknown, options: TableOptions): MimeBundle | undefined {
  const maxRows = options.maxRows ?? 20;
  const t = toTabular(data, maxRows);
  if (!t) return undefined;
  return { 'text/html': tableHtml(t, options), 'text/plain': tableText(t, options) };
}

function tableHtml(t: Tabular, options: TableOptions): string {
  const maxColumns = options.maxColumns ?? 40;
  const maxChars = options.maxCellChars ?? 120;
  const r = options.redact;
  const cols = t.columns.slice(0, maxColumns);
  const head = cols
    .map((c) => {
      const nulls = c.nulls === 0 ? 'no nulls' : `${formatCount(c.nulls)} null${c.nulls === 1 ? '' : 's'}`;
      return `<th ${HEAD}>${escapeHtml(r(c.name))}<br><span ${SUB}>${escapeHtml(r(c.type))} · ${nulls}</span></th>`;
    })
    .join('');
  const body = t.rows
    .map((row, i) => {
      const cells = cols
        .map((c, j) => {
          const text = cellText(row[j], { maxChars, dateOnly: /^date$/i.test(c.type) });
          return `<td>${text === null ? NULL : escapeHtml(r(text))}</td>`;
        })
        .join('');
      return `<tr><th>${i}</th>${cells}</tr>`;
    })
    .join('\n');
  const shown =
    t.rows.length < t.rowCount ? `${formatCount(t.rows.length)} of ${formatCount(t.rowCount)} rows` : `${formatCount(t.rowCount)} rows`;
  const hiddenCols = t.columns.length - cols.length;
  const colNote = hiddenCols > 0 ? `${cols.length} of ${t.columns.length} columns` : `${t.columns.length} columns`;
  const title = options.title ? `<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(r(options.title))}</div>` : '';
  const more =
    t.rows.length < t.rowCount
      ? `<tr><th>…</th><td colspan="${cols.length}">${formatCount(t.rowCount - t.rows.length)} more rows</td></tr>`
      : '';
  return [
    `<div class="kol-table">${title}<table class="dataframe">`,
    `<thead><tr><th></th>${head}</tr></thead>`,
    `<tbody>\n${body}${more}</tbody></table>`,
    `<div class="kol-table-caption" ${CAPTION}>${shown} × ${colNote} (${t.source})</div></div>`,
  ].join('\n');
}

/** The same table as fixed-width text, for consoles and frontends without HTML. */
function tableText(t: Tabular, options: TableOptions): string {
  const r = options.redact;
  const maxChars = Math.min(options.maxCellChars ?? 120, 40);
  const cols = t.columns.slice(0, options.maxColumns ?? 40);
  const cells = t.rows.map((row) => cols.map((c, j) => r(cellText(row[j], { maxChars, dateOnly: /^date$/i.test(c.type) }) ?? 'null')));
  const header = cols.map((c) => r(c.name));
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((row) => (row[j] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, j) => v.padEnd(widths[j] ?? 0))
      .join('  ')
      .trimEnd();
  const caption = t.rows.length < t.rowCount ? `(${t.rows.length} of ${t.rowCount} rows)` : `(${t.rowCount} rows)`;
  return [line(header), ...cells.map(line), caption].join('\n');
}
