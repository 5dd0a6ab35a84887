import type { KolConfig } from '../../config/index.ts';
import { type QueryResult, type SqlOptions, sql } from '../../query/index.ts';
import { type Panel, twoColumns } from './columns.ts';
import { displaySettings } from './context.ts';
import { explainBundle, isExplainable } from './explain.ts';
import { jsonText } from './html.ts';
import { isRunLike, type RunLike, runBundle } from './mlflow-run.ts';
import { isPlotlyFigure, type PlotlyFigure, plotlyBundle } from './plotly.ts';
import { queryProgress } from './progress.ts';
import { publish } from './publish.ts';
import { redactDeep } from './redact.ts';
import { type TableOptions, tableBundle } from './table.ts';
import { isTabular } from './tabular.ts';
import type { MimeBundle } from './types.ts';

export interface ShowOptions {
  readonly title?: string;
  readonly maxRows?: number;
  /** For explanations with SQL in several dialects: the one to show (default duckdb). */
  readonly dialect?: string;
}

/**
 * The display bundle for a value: a plotly figure, an explanation (or anything with `explain()`), an
 * MLflow run, a table (rows of objects, query result, Arrow table, danfo DataFrame), else JSON text.
 * Every string in it has passed the redactor of the active config.
 *
 * @example
 * renderBundle([{ a: 1 }])['text/html'];
 */
export function renderBundle(value: unknown, options: ShowOptions = {}): MimeBundle {
  const s = displaySettings();
  if (isPlotlyFigure(value)) return plotlyBundle(value, { redact: s.redact });
  if (isRunLike(value)) return runBundle(value, { trackingUri: s.trackingUri, redact: s.redact });
  if (isTabular(value)) return tableBundle(value, tableOptions(options)) as MimeBundle;
  if (isExplainable(value)) return explainBundle(value, { redact: s.redact, ...(options.dialect ? { dialect: options.dialect } : {}) });
  if (typeof value === 'string') return { 'text/plain': s.redact(value) };
  const json = redactDeep(JSON.parse(jsonText(value) ?? 'null') as unknown, s.redact);
  return { 'application/json': json ?? null, 'text/plain': jsonText(json, 2) };
}

function tableOptions(options: ShowOptions): TableOptions {
  const s = displaySettings();
  return {
    maxRows: options.maxRows ?? s.maxRows,
    maxColumns: s.maxColumns,
    maxCellChars: s.maxCellChars,
    redact: s.redact,
    ...(options.title ? { title: options.title } : {}),
  };
}

/**
 * Displays a value in the notebook as the richest output that fits it (see {@link renderBundle}).
 *
 * @example
 * show(result);                       // table with types and null counts
 * show(barChart(result, { x: 'creator_id', y: 'likes' }));
 */
export function show(value: unknown, options: ShowOptions = {}): void {
  publish(renderBundle(value, options));
}

/**
 * Displays rows of objects, a query result, an Arrow table or a DataFrame as a table.
 *
 * @example
 * showTable(result.toArrow(), { maxRows: 5 });
 */
export function showTable(data: unknown, options: ShowOptions = {}): void {
  const bundle = tableBundle(data, tableOptions(options));
  if (!bundle) throw new TypeError('showTable: expected rows of objects, a query result, an Arrow table or a DataFrame');
  publish(bundle);
}

/**
 * Displays a plotly figure through JupyterLab's plotly renderer, with an HTML fallback in the same output.
 *
 * @example
 * showPlot({ data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }], layout: { title: { text: 'demo' } } });
 */
export function showPlot(figure: PlotlyFigure): void {
  publish(plotlyBundle(figure, { redact: displaySettings().redact }));
}

/**
 * Displays a feature definition's compiled SQL beside its stream plan.
 *
 * @example
 * showExplain(explain(creatorEngagement), { dialect: 'trino' });
 */
export function showExplain(definition: unknown, options: { dialect?: string } = {}): void {
  publish(explainBundle(definition, { redact: displaySettings().redact, ...options }));
}

/**
 * Displays an MLflow run as a summary with a link to it.
 *
 * @example
 * showRun(await mlflow.getRun(runId));
 */
export function showRun(run: RunLike, options: { trackingUri?: string } = {}): void {
  const s = displaySettings();
  publish(runBundle(run, { trackingUri: options.trackingUri ?? s.trackingUri, redact: s.redact }));
}

/**
 * Displays two panels side by side.
 *
 * @example
 * showSideBySide({ title: 'DuckDB', code: a }, { title: 'Trino', code: b });
 */
export function showSideBySide(left: Panel, right: Panel): void {
  publish(twoColumns(left, right, displaySettings().redact));
}

/**
 * Runs a query with a progress output, shows its result as a table and returns it.
 *
 * @example
 * const top = await showQuery('SELECT * FROM {{gold.creator_daily}} LIMIT 100', { engine: 'trino' });
 */
export async function showQuery(query: string, options: SqlOptions & ShowOptions & { config?: KolConfig } = {}): Promise<QueryResult> {
  const result = await sql(query, {
    ...options,
    onProgress: options.onProgress ?? queryProgress(options.title ?? `${options.engine ?? 'duckdb'} query`),
  });
  show(result, options);
  return result;
}

export type { MimeBundle };
