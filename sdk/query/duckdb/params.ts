import {
  BIGINT,
  BLOB,
  BOOLEAN,
  blobValue,
  DOUBLE,
  type DuckDBType,
  type DuckDBValue,
  HUGEINT,
  INTEGER,
  jsToDuckDBValue,
  LIST,
  listValue,
  SQLNULL,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import type { SqlValue } from '../types.ts';

const INT32 = 2 ** 31;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Parameter values with explicit DuckDB types for a prepared statement: the same JS value gets the same
 * SQL type as on Trino (integer / bigint / double / varchar / timestamp with time zone / blob).
 *
 * @example
 * const { values, types } = duckdbParams([42, 'x', new Date()]);
 * prepared.bind(values, types);
 */
export function duckdbParams(params: readonly SqlValue[]): { values: DuckDBValue[]; types: DuckDBType[] } {
  const values: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  for (const p of params) {
    const [value, type] = convert(p);
    values.push(value);
    types.push(type);
  }
  return { values, types };
}

function convert(p: SqlValue | undefined): [DuckDBValue, DuckDBType] {
  if (p === null || p === undefined) return [null, SQLNULL];
  switch (typeof p) {
    case 'boolean':
      return [p, BOOLEAN];
    case 'string':
      return [p, VARCHAR];
    case 'bigint':
      return [p, p >= INT64_MIN && p <= INT64_MAX ? BIGINT : HUGEINT];
    case 'number':
      if (Number.isSafeInteger(p)) return Math.abs(p) < INT32 ? [p, INTEGER] : [BigInt(p), BIGINT];
      return [p, DOUBLE];
  }
  if (p instanceof Date) {
    if (Number.isNaN(p.getTime())) throw new TypeError('cannot bind an invalid Date');
    return [jsToDuckDBValue(p, TIMESTAMPTZ), TIMESTAMPTZ];
  }
  if (p instanceof Uint8Array) return [blobValue(p), BLOB];
  if (Array.isArray(p)) {
    const items = p.map((x) => convert(x));
    const itemType = items.find(([, t]) => t !== SQLNULL)?.[1] ?? VARCHAR;
    return [listValue(items.map(([v]) => v)), LIST(itemType)];
  }
  throw new TypeError(`cannot bind a value of type ${Object.prototype.toString.call(p)} as a SQL parameter`);
}
