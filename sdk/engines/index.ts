/** Query engines the SDK runs in process. */
export * from './duckdb/index.ts';
