/**
 * Ad-hoc SQL on the workbench's two engines: DuckDB in process and Trino over its HTTP protocol, with
 * bound parameters, page-by-page streaming with progress, cancellation that reaches the server, and
 * errors that carry the engine's message, error name and position.
 */
export { rowsToArrow } from './arrow.ts';
export { type DataFrameLike, danfo, rowsToDataFrame } from './dataframe.ts';
export { closeDuckDB, type DuckDBHandle, type DuckDBHandleOptions, duckdbHandle, duckdbPages, duckdbParams } from './duckdb/index.ts';
export { QueryCanceledError, QueryError, type SqlPosition, sqlExcerpt } from './errors.ts';
export { jsonRows, jsonValue, toCsv } from './format.ts';
export { bindNamed, parseParam } from './named.ts';
export { DUCKDB_LAKE_CATALOG, expandLakeNames, lakeTable } from './names.ts';
export { findProjectRoot, projectConfig } from './project.ts';
export { createResult, type QueryResult } from './result.ts';
export { type QueryRunner, sqlRunner } from './runner.ts';
export { sql, streamSql } from './sql.ts';
export { type TrinoConnection, trinoLiteral, trinoPages } from './trino/index.ts';
export { type Column, ENGINES, type Engine, type QueryPage, type QueryProgress, type SqlOptions, type SqlValue } from './types.ts';
