import type { AnyColumn, ColumnKind } from './column.ts';

/**
 * How each kind is spelled by every back end. One table, so adding a kind means filling one row. Timestamps
 * are UTC instants in microseconds everywhere (Iceberg `timestamptz`, DuckDB `TIMESTAMPTZ`), so values do not
 * shift with a session time zone.
 */
export const KIND_MAPPING = Object.freeze({
  string: { arrow: 'Utf8', duckdb: 'VARCHAR', trino: 'varchar', iceberg: 'string' },
  int64: { arrow: 'Int64', duckdb: 'BIGINT', trino: 'bigint', iceberg: 'long' },
  float64: { arrow: 'Float64', duckdb: 'DOUBLE', trino: 'double', iceberg: 'double' },
  bool: { arrow: 'Bool', duckdb: 'BOOLEAN', trino: 'boolean', iceberg: 'boolean' },
  timestamp: { arrow: 'Timestamp(MICROSECOND, UTC)', duckdb: 'TIMESTAMPTZ', trino: 'timestamp(6) with time zone', iceberg: 'timestamptz' },
  date: { arrow: 'Date32(DAY)', duckdb: 'DATE', trino: 'date', iceberg: 'date' },
} as const satisfies Record<Exclude<ColumnKind, 'list'>, { arrow: string; duckdb: string; trino: string; iceberg: string }>);

function element(col: AnyColumn): AnyColumn {
  if (col.element === undefined) throw new TypeError(`list column type without an element type`);
  return col.element;
}

/**
 * The Arrow type of a column, as text (`List<Utf8>`). The Arrow objects themselves are built in
 * `./arrow.ts`, which loads `apache-arrow`; this stays light.
 *
 * @example arrowTypeName(t.list(t.string())) // 'List<Utf8>'
 */
export function arrowTypeName(col: AnyColumn): string {
  return col.kind === 'list' ? `List<${arrowTypeName(element(col))}>` : KIND_MAPPING[col.kind].arrow;
}

/** @example duckdbType(t.list(t.string())) // 'VARCHAR[]' */
export function duckdbType(col: AnyColumn): string {
  return col.kind === 'list' ? `${duckdbType(element(col))}[]` : KIND_MAPPING[col.kind].duckdb;
}

/** @example trinoType(t.timestamp()) // 'timestamp(6) with time zone' */
export function trinoType(col: AnyColumn): string {
  return col.kind === 'list' ? `array(${trinoType(element(col))})` : KIND_MAPPING[col.kind].trino;
}

/** An Iceberg type as in the table metadata JSON: a primitive name or a nested list. */
export type IcebergType =
  | string
  | { readonly type: 'list'; readonly 'element-id': number; readonly element: IcebergType; readonly 'element-required': boolean };

/**
 * The Iceberg type of a column. A list's element needs its own field id: `elementId` gives it, so that ids
 * stay stable when columns are added (see `icebergSchema` in contracts).
 *
 * @example icebergType(t.list(t.string()), () => 1007) // { type: 'list', 'element-id': 1007, element: 'string', 'element-required': true }
 */
export function icebergType(col: AnyColumn, elementId: () => number): IcebergType {
  if (col.kind !== 'list') return KIND_MAPPING[col.kind].iceberg;
  const el = element(col);
  const id = elementId();
  return { type: 'list', 'element-id': id, element: icebergType(el, elementId), 'element-required': !el.nullable };
}

/** JSON Schema patterns for the wire formats of timestamps and dates. */
export const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6})?Z$';
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * The JSON Schema (2020-12) of a column's value; nullable columns also accept `null`.
 *
 * @example jsonSchemaOf(t.int64({ min: 0 })) // { type: 'integer', minimum: 0 }
 */
export function jsonSchemaOf(col: AnyColumn): Record<string, unknown> {
  const base = baseSchema(col);
  if (col.description !== undefined) base.description = col.description;
  if (!col.nullable) return base;
  return { anyOf: [base, { type: 'null' }] };
}

function baseSchema(col: AnyColumn): Record<string, unknown> {
  const bounds = (s: Record<string, unknown>) => {
    if (col.min !== undefined) s.minimum = col.min;
    if (col.max !== undefined) s.maximum = col.max;
    return s;
  };
  switch (col.kind) {
    case 'string': {
      const s: Record<string, unknown> = { type: 'string' };
      if (col.values !== undefined) s.enum = [...col.values];
      if (col.pattern !== undefined) s.pattern = col.pattern;
      return s;
    }
    case 'int64':
      return bounds({ type: 'integer' });
    case 'float64':
      return bounds({ type: 'number' });
    case 'bool':
      return { type: 'boolean' };
    case 'timestamp':
      return { type: 'string', format: 'date-time', pattern: TIMESTAMP_PATTERN };
    case 'date':
      return { type: 'string', format: 'date', pattern: DATE_PATTERN };
    case 'list':
      return { type: 'array', items: jsonSchemaOf(element(col)) };
  }
}
