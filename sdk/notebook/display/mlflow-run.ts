import { cellText, escapeHtml, safeHref } from './html.ts';
import type { Redactor } from './redact.ts';
import type { MimeBundle } from './types.ts';

/** The parts of an MLflow run (as `sdk/mlflow` returns it) that the summary shows. */
export interface RunLike {
  readonly info: {
    readonly runId: string;
    readonly runName?: string;
    readonly experimentId: string;
    readonly status?: string;
    readonly startTime?: number | undefined;
    readonly endTime?: number | undefined;
    readonly userId?: string;
    readonly artifactUri?: string;
  };
  readonly data?: {
    readonly metrics?: readonly { readonly key: string; readonly value: number; readonly step?: number }[];
    readonly params?: Readonly<Record<string, string>>;
    readonly tags?: Readonly<Record<string, string>>;
  };
  readonly inputs?: readonly { readonly dataset: { readonly name: string; readonly digest: string; readonly source?: string } }[];
}

export function isRunLike(x: unknown): x is RunLike {
  const info = (x as { info?: Record<string, unknown> } | null)?.info;
  return typeof info === 'object' && info !== null && typeof info.runId === 'string' && typeof info.experimentId === 'string';
}

/** The MLflow UI address of a run (credentials removed), or undefined for a file store. */
export function runUrl(trackingUri: string | undefined, run: RunLike): string | undefined {
  if (!trackingUri) return undefined;
  const base = safeHref(trackingUri);
  if (!base) return undefined;
  const u = new URL(base);
  u.username = '';
  u.password = '';
  const root = u.toString().replace(/\/+$/, '');
  return `${root}/#/experiments/${encodeURIComponent(run.info.experimentId)}/runs/${encodeURIComponent(run.info.runId)}`;
}

const time = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

function duration(run: RunLike): string {
  const { startTime, endTime } = run.info;
  if (startTime === undefined || endTime === undefined) return '';
  const s = (endTime - startTime) / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`;
}

/**
 * A run as a summary: name, status, times, a link to it in the MLflow UI (for a tracking server),
 * params, latest metrics, user tags and input datasets. Every string is redacted and escaped.
 *
 * @example
 * show(runBundle(await client.getRun(id), { trackingUri: config.mlflow.trackingUri, redact }));
 */
export function runBundle(run: RunLike, options: { trackingUri?: string | undefined; redact: Redactor }): MimeBundle {
  const r = options.redact;
  const e = (s: string) => escapeHtml(r(s));
  const url = runUrl(options.trackingUri, run);
  const name = run.info.runName || run.info.runId;
  const summary: [string, string][] = [
    ['run', `${e(name)} <code>${e(run.info.runId)}</code>`],
    ['status', e(run.info.status ?? '')],
    ['started', e(time(run.info.startTime))],
    ['duration', e(duration(run))],
    ['user', e(run.info.userId ?? '')],
    ['experiment', e(run.info.experimentId)],
    [
      'open',
      url ? `<a href="${escapeHtml(r(url))}" target="_blank" rel="noopener">MLflow UI</a>` : e(run.info.artifactUri ?? '(file store)'),
    ],
  ];
  const metrics = [...(run.data?.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const params = Object.entries(run.data?.params ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const tags = Object.entries(run.data?.tags ?? {})
    .filter(([k]) => !k.startsWith('mlflow.'))
    .sort(([a], [b]) => a.localeCompare(b));
  const datasets = run.inputs ?? [];
  const kv = (rows: readonly (readonly [string, string])[]) =>
    `<table><tbody>${rows.map(([k, v]) => `<tr><th style="text-align:left">${k}</th><td style="text-align:left">${v}</td></tr>`).join('')}</tbody></table>`;
  const section = (title: string, body: string) => `<div style="margin-top:6px"><div style="font-weight:bold">${title}</div>${body}</div>`;
  const cell = (v: unknown) => e(cellText(v, { maxChars: 200 }) ?? '');
  const html = [
    '<div class="kol-mlflow-run">',
    kv(summary),
    metrics.length
      ? section('metrics', kv(metrics.map((m) => [e(m.key), `${cell(m.value)}${m.step ? ` <small>(step ${m.step})</small>` : ''}`])))
      : '',
    params.length ? section('params', kv(params.map(([k, v]) => [e(k), cell(v)]))) : '',
    tags.length ? section('tags', kv(tags.map(([k, v]) => [e(k), cell(v)]))) : '',
    datasets.length
      ? section('inputs', kv(datasets.map((d) => [e(d.dataset.name), `${e(d.dataset.digest)} ${e(d.dataset.source ?? '')}`])))
      : '',
    '</div>',
  ].join('\n');
  const text = [
    `run ${r(name)} (${r(run.info.runId)}) ${r(run.info.status ?? '')}${url ? ` ${r(url)}` : ''}`,
    ...metrics.map((m) => `  ${r(m.key)} = ${m.value}`),
    ...params.map(([k, v]) => `  ${r(k)}: ${r(v)}`),
  ].join('\n');
  return { 'text/html': html, 'text/plain': text };
}
