/**
 * Column types: the vocabulary of every schema in kol-sdk. A type is frozen plain data that also carries its
 * TypeScript value type, so contracts infer their row types from their columns.
 *
 * Arrow objects live in `./arrow.ts` (it loads `apache-arrow`; import it directly where needed).
 */

// Runtime checks of JSON values.
export {
  compileValueCheck,
  isDateString,
  isTimestampString,
  timestampMillis,
  typeLabel,
  type ValueCheck,
  type ValueProblem,
} from './check.ts';
// Shapes and type-level inference.
export type { AnyColumn, ColumnConstraints, ColumnKind, ColumnType, RowOf, ValueOf } from './column.ts';
// Back-end spellings: Arrow (as text), DuckDB, Trino, Iceberg, JSON Schema.
export {
  arrowTypeName,
  DATE_PATTERN,
  duckdbType,
  type IcebergType,
  icebergType,
  jsonSchemaOf,
  KIND_MAPPING,
  TIMESTAMP_PATTERN,
  trinoType,
} from './mapping.ts';
// Constructors: t.string(), t.enum([...]), t.int64(), t.float64(), t.bool(), t.timestamp(), t.date(), t.list(...).
export { t } from './t.ts';
