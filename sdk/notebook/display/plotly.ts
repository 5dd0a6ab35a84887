import { randomBytes } from 'node:crypto';
import { escapeHtml, scriptJson } from './html.ts';
import { type Redactor, redactDeep } from './redact.ts';
import type { MimeBundle } from './types.ts';

/** The mime type JupyterLab's plotly renderer (the `jupyterlab-plotly` extension) draws. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** One plotly trace: `{ type: 'bar', x: [...], y: [...] }` and any other plotly attribute. */
export type PlotlyTrace = { readonly type?: string; readonly name?: string } & Readonly<Record<string, unknown>>;

/** Plain plotly figure JSON, the input of `Plotly.newPlot(el, data, layout, config)`. */
export interface PlotlyFigure {
  readonly data: readonly PlotlyTrace[];
  readonly layout?: Readonly<Record<string, unknown>>;
  readonly config?: Readonly<Record<string, unknown>>;
}

/** A plotly figure by shape: `data` is an array of objects; `layout` absent or an object. */
export function isPlotlyFigure(x: unknown): x is PlotlyFigure {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  const layoutOk = f.layout === undefined || (typeof f.layout === 'object' && f.layout !== null);
  return Array.isArray(f.data) && f.data.every((t) => typeof t === 'object' && t !== null && !Array.isArray(t)) && layoutOk;
}

/**
 * A figure as one display message with three representations: the plotly mime type (drawn by
 * JupyterLab's renderer), an HTML fallback (draws with `window.Plotly` where a page has it, and otherwise
 * shows a summary of the traces), and plain text. Values are made JSON-safe (bigint → number, Date → ISO
 * text) and every string is redacted.
 *
 * @example
 * show(plotlyBundle({ data: [{ type: 'bar', x: ['a'], y: [1] }] }, { redact }));
 */
export function plotlyBundle(figure: PlotlyFigure, options: { redact: Redactor }): MimeBundle {
  const fig = redactDeep(plainJson(figure) as PlotlyFigure, options.redact);
  const json = { data: fig.data, layout: fig.layout ?? {}, ...(fig.config ? { config: fig.config } : {}) };
  return { [PLOTLY_MIME]: json, 'text/html': fallbackHtml(json), 'text/plain': summaryText(json) };
}

function title(fig: PlotlyFigure): string | undefined {
  const t = fig.layout?.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string') return (t as { text: string }).text;
  return undefined;
}

function traceLength(trace: PlotlyTrace): number {
  for (const key of ['x', 'y', 'values', 'z']) {
    const v = trace[key];
    if (Array.isArray(v)) return v.length;
  }
  return 0;
}

function summaryText(fig: PlotlyFigure): string {
  const traces = fig.data.map((t) => `${t.type ?? 'scatter'}${t.name ? ` '${t.name}'` : ''} (${traceLength(t)} points)`);
  return `plotly figure${title(fig) ? ` "${title(fig)}"` : ''}: ${traces.join(', ') || 'no traces'}`;
}

function fallbackHtml(fig: PlotlyFigure): string {
  const id = `kol-plot-${randomBytes(6).toString('hex')}`;
  const rows = fig.data
    .map(
      (t) =>
        `<tr><td>${escapeHtml(String(t.type ?? 'scatter'))}</td><td>${escapeHtml(String(t.name ?? ''))}</td><td>${traceLength(t)}</td></tr>`,
    )
    .join('');
  const heading = title(fig) ? `<div style="font-weight:bold">${escapeHtml(title(fig) as string)}</div>` : '';
  return [
    `<div id="${id}" class="kol-plotly-fallback">${heading}`,
    '<div style="opacity:0.7;font-size:85%">interactive chart: drawn where plotly.js is loaded (JupyterLab with jupyterlab-plotly)</div>',
    `<table><thead><tr><th>trace</th><th>name</th><th>points</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    `<script type="text/javascript">(function(){var el=document.getElementById(${JSON.stringify(id)});`,
    `if(!el||!window.Plotly)return;var f=${scriptJson(fig)};el.innerHTML='';window.Plotly.newPlot(el,f.data,f.layout,f.config||{});})();</script>`,
  ].join('\n');
}

/** A deep copy that JSON can carry: bigint → number, Date → ISO text, typed arrays → arrays. */
export function plainJson(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>, (v) => plainJson(v));
  if (Array.isArray(value)) return value.map((v) => plainJson(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, plainJson(v)]),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
