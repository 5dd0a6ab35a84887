/**
 * The notebook workbench: Jupyter Lab with the tslab kernel (install, kernel spec, start), rich outputs
 * for cells (tables, plotly figures, explanations, MLflow runs, progress; secrets masked), and ad-hoc
 * SQL on DuckDB and Trino re-exported for cells.
 *
 * In a notebook: `import { sql, show, barChart } from '@kol/sdk/notebook';` (`kol-sdk notebook` generates that package).
 */

export {
  type Column,
  type Engine,
  expandLakeNames,
  lakeTable,
  QueryCanceledError,
  QueryError,
  type QueryProgress,
  type QueryResult,
  type SqlOptions,
  type SqlValue,
  sql,
  streamSql,
} from '../query/index.ts';
export * from './display/index.ts';
export * from './jupyter/index.ts';
