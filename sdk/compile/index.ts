/**
 * Compilers from feature definitions: SQL for DuckDB and Trino (point-in-time training frames). No engine
 * is imported here; running the SQL is `sdk/engines`' job.
 */
export {
  type CompiledQuery,
  type CompileOptions,
  compileFeatureSet,
  DIALECTS,
  duckdb,
  type Explanation,
  explain,
  type SpineSpec,
  type SqlDialect,
  trino,
  viewLayers,
} from './sql/index.ts';
