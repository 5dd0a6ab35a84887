export { closeDuckDB, type DuckDBHandle, type DuckDBHandleOptions, duckdbHandle } from './connect.ts';
export { lakeTablesNamed } from './lake-reads.ts';
export { duckdbParams } from './params.ts';
export { type DuckDBRunOptions, duckdbPages, duckdbQueryError } from './run.ts';
