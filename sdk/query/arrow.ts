import {
  Binary,
  Bool,
  type DataType,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { Column } from './types.ts';

const INT32_TYPES = /^(integer|int|int4|smallint|int2|tinyint|int1)$/i;

/**
 * Rows as an Arrow table, one vector per column, typed from the column's SQL type and its JS values:
 * bigint → Int64, integer → Int32, other numbers → Float64, Date → Timestamp(ms, UTC), bytes → Binary,
 * lists stay lists; anything else (structs, maps) becomes its JSON text.
 *
 * @example
 * rowsToArrow([{ name: 'n', type: 'BIGINT' }], [{ n: 1n }]).numRows; // 1
 */
export function rowsToArrow(columns: readonly Column[], rows: readonly Record<string, unknown>[], keys?: readonly string[]): Table {
  const vectors: Record<string, Vector> = {};
  columns.forEach((column, i) => {
    const key = keys?.[i] ?? column.name;
    const values = rows.map((r) => r[key] ?? null);
    vectors[key] = vectorFor(column, values);
  });
  return new Table(vectors);
}

function vectorFor(column: Column, values: unknown[]): Vector {
  const sample = values.find((v) => v !== null && v !== undefined);
  const type = arrowType(column, sample);
  if (type) return vectorFromArray(values, type);
  if (Array.isArray(sample)) return vectorFromArray(values);
  return vectorFromArray(
    values.map((v) => (v === null ? null : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)))),
    new Utf8(),
  );
}

function arrowType(column: Column, sample: unknown): DataType | undefined {
  switch (typeof sample) {
    case 'bigint':
      return new Int64();
    case 'number':
      return INT32_TYPES.test(column.type) ? new Int32() : new Float64();
    case 'string':
      return new Utf8();
    case 'boolean':
      return new Bool();
    case 'undefined':
      return new Utf8();
  }
  if (sample instanceof Date) return new TimestampMillisecond('UTC');
  if (sample instanceof Uint8Array) return new Binary();
  return undefined;
}
