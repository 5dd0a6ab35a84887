/** Feature sets → point-in-time SQL: one generator, small dialect files. */
export { ident, type SqlDialect, str } from './dialect.ts';
export { duckdb } from './duckdb.ts';
export { type Explanation, explain } from './explain.ts';
export { type CompiledQuery, type CompileOptions, compileFeatureSet, DIALECTS } from './generator.ts';
export type { SpineSpec } from './spine.ts';
export { trino } from './trino.ts';
export { viewLayers } from './view.ts';
