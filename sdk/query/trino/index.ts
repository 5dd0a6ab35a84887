export { trinoLiteral } from './literals.ts';
export type { TrinoColumn, TrinoError, TrinoResponse } from './protocol.ts';
export { type TrinoConnection, type TrinoRunOptions, trinoPages, trinoQueryError, uniqueKeys } from './statement.ts';
export { trinoConverter } from './values.ts';
