/**
 * Rich outputs for tslab notebooks: tables, plotly figures, explanations, MLflow runs, progress. Every
 * renderer passes its strings through the redactor of the active config.
 */
export { barChart, type ChartData, type ChartOptions, histogram, lineChart, scatterChart, type XYOptions } from './charts.ts';
export { type Panel, twoColumns } from './columns.ts';
export { configureDisplay, type DisplaySettings, displaySettings } from './context.ts';
export { type ExplainLike, explainBundle, isExplainable } from './explain.ts';
export { cellText, escapeHtml } from './html.ts';
export { isRunLike, type RunLike, runBundle, runUrl } from './mlflow-run.ts';
export { isPlotlyFigure, PLOTLY_MIME, type PlotlyFigure, type PlotlyTrace, plainJson, plotlyBundle } from './plotly.ts';
export { type Progress, progress, queryProgress } from './progress.ts';
export { inKernel, publish } from './publish.ts';
export { configSecrets, createRedactor, type Redactor, redactDeep } from './redact.ts';
export {
  renderBundle,
  type ShowOptions,
  show,
  showExplain,
  showPlot,
  showQuery,
  showRun,
  showSideBySide,
  showTable,
} from './show.ts';
export { type TableOptions, tableBundle } from './table.ts';
export { isArrowTable, isDataFrame, isTabular, type Tabular, toTabular } from './tabular.ts';
export type { MimeBundle } from './types.ts';
