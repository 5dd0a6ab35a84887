import type { PlotlyFigure, PlotlyTrace } from './plotly.ts';

type Row = Readonly<Record<string, unknown>>;
/** Rows of objects, or anything with `rows` (a query result). */
export type ChartData = readonly Row[] | { readonly rows: readonly Row[] };

export interface ChartOptions {
  readonly title?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly height?: number;
  readonly width?: number;
}

export interface XYOptions extends ChartOptions {
  /** Column for the x axis. */
  readonly x: string;
  /** Column (or columns: one trace each) for the y axis. */
  readonly y: string | readonly string[];
  /** Column whose values split the rows into one trace each. */
  readonly color?: string;
}

const rowsOf = (data: ChartData): readonly Row[] =>
  Array.isArray(data) ? (data as readonly Row[]) : (data as { rows: readonly Row[] }).rows;

/** A chart value as plotly takes it: bigint → number, Date → ISO text. */
function plotValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}

function groups(rows: readonly Row[], color: string | undefined): [string | undefined, Row[]][] {
  if (!color) return [[undefined, [...rows]]];
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const key = String(plotValue(r[color]));
    let list = out.get(key);
    if (!list) {
      list = [];
      out.set(key, list);
    }
    list.push(r);
  }
  return [...out.entries()];
}

function layout(options: ChartOptions, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...(options.title ? { title: { text: options.title } } : {}),
    xaxis: { title: { text: options.xTitle ?? '' } },
    yaxis: { title: { text: options.yTitle ?? '' } },
    ...(options.height ? { height: options.height } : {}),
    ...(options.width ? { width: options.width } : {}),
    margin: { t: options.title ? 48 : 24, r: 16, b: 48, l: 56 },
    ...extra,
  };
}

function xyTraces(data: ChartData, options: XYOptions, base: Record<string, unknown>): PlotlyTrace[] {
  const ys = typeof options.y === 'string' ? [options.y] : options.y;
  return groups(rowsOf(data), options.color).flatMap(([group, rows]) =>
    ys.map((y) => ({
      ...base,
      name: group ?? (ys.length > 1 ? y : undefined),
      x: rows.map((r) => plotValue(r[options.x])),
      y: rows.map((r) => plotValue(r[y])),
    })),
  );
}

const withAxisTitles = (o: XYOptions): XYOptions => ({
  ...o,
  xTitle: o.xTitle ?? o.x,
  yTitle: o.yTitle ?? (typeof o.y === 'string' ? o.y : ''),
});

/**
 * A bar chart; `color` gives grouped bars.
 *
 * @example
 * show(barChart(top.rows, { x: 'creator_id', y: 'likes', title: 'Top creators' }));
 */
export function barChart(data: ChartData, options: XYOptions & { readonly barmode?: 'group' | 'stack' }): PlotlyFigure {
  return {
    data: xyTraces(data, options, { type: 'bar' }),
    layout: layout(withAxisTitles(options), { barmode: options.barmode ?? 'group' }),
  };
}

/**
 * A line chart (one line per `y` column or per `color` value), points in row order.
 *
 * @example
 * show(lineChart(daily.rows, { x: 'day', y: 'engagement_rate', color: 'platform' }));
 */
export function lineChart(data: ChartData, options: XYOptions): PlotlyFigure {
  return { data: xyTraces(data, options, { type: 'scatter', mode: 'lines' }), layout: layout(withAxisTitles(options)) };
}

/**
 * A scatter plot; `size` scales markers by a column, `text` labels hover points.
 *
 * @example
 * show(scatterChart(rows, { x: 'followers', y: 'er_28d', text: 'creator_id' }));
 */
export function scatterChart(data: ChartData, options: XYOptions & { readonly size?: string; readonly text?: string }): PlotlyFigure {
  const traces = xyTraces(data, options, { type: 'scatter', mode: 'markers' });
  if (options.size || options.text) {
    const rows = groups(rowsOf(data), options.color);
    traces.forEach((t, i) => {
      const group = rows[Math.floor(i / (typeof options.y === 'string' ? 1 : options.y.length))]?.[1] ?? [];
      const extra = t as Record<string, unknown>;
      if (options.size) extra.marker = { size: group.map((r) => plotValue(r[options.size as string])), sizemode: 'area' };
      if (options.text) extra.text = group.map((r) => plotValue(r[options.text as string]));
    });
  }
  return { data: traces, layout: layout(withAxisTitles(options)) };
}

/**
 * A histogram of one column (or of plain numbers); `color` overlays one histogram per group.
 *
 * @example
 * show(histogram(scores.rows, { x: 'trust_score', bins: 40 }));
 * show(histogram([1, 2, 2, 3]));
 */
export function histogram(
  data: ChartData | readonly number[],
  options: ChartOptions & { readonly x?: string; readonly bins?: number; readonly color?: string } = {},
): PlotlyFigure {
  const numbers = Array.isArray(data) && data.every((v) => typeof v === 'number' || typeof v === 'bigint');
  const rows: Row[] = numbers ? (data as readonly number[]).map((v) => ({ value: v })) : [...rowsOf(data as ChartData)];
  const x = numbers ? 'value' : options.x;
  if (!x) throw new Error('histogram needs { x: column } for rows of objects');
  const traces = groups(rows, options.color).map(([group, rs]) => ({
    type: 'histogram',
    name: group,
    x: rs.map((r) => plotValue(r[x])),
    ...(options.bins ? { nbinsx: options.bins } : {}),
    ...(options.color ? { opacity: 0.6 } : {}),
  }));
  return {
    data: traces,
    layout: layout(
      { ...options, xTitle: options.xTitle ?? x, yTitle: options.yTitle ?? 'count' },
      options.color ? { barmode: 'overlay' } : {},
    ),
  };
}
