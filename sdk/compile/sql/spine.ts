import type { EntityDef } from '../../features/entity.ts';
import { ident, type SqlDialect, str } from './dialect.ts';

/**
 * The rows to compute features for: entity key(s) and an `as_of` time each. A table (or any relation name),
 * a SELECT, or literal rows (inlined as VALUES — for notebooks and tests, not for millions of rows).
 */
export type SpineSpec =
  | { readonly table: string; readonly asOf?: string }
  | { readonly sql: string; readonly asOf?: string }
  | { readonly values: readonly Readonly<Record<string, unknown>>[]; readonly asOf?: string };

/** `SELECT <keys>, <as_of> AS as_of FROM …` for a spine spec. */
export function spineSql(spine: SpineSpec, entity: EntityDef, d: SqlDialect): string {
  const asOf = spine.asOf ?? 'as_of';
  const cols = [...entity.keys.map(ident), `${ident(asOf)} AS "as_of"`].join(', ');
  if ('table' in spine) return `SELECT ${cols} FROM ${spine.table}`;
  if ('sql' in spine) return `SELECT ${cols} FROM (${spine.sql}) AS spine_query`;
  if (spine.values.length === 0) throw new TypeError('spine.values is empty: give at least one (key, as_of) row');
  const names = [...entity.keys, asOf];
  const rows = spine.values.map((r) => `(${names.map((n, i) => valueSql(r[n], i === names.length - 1, n, d)).join(', ')})`);
  return `SELECT ${cols} FROM (VALUES ${rows.join(', ')}) AS spine_values (${names.map(ident).join(', ')})`;
}

function valueSql(v: unknown, isTime: boolean, name: string, d: SqlDialect): string {
  if (isTime) {
    const ms =
      v instanceof Date
        ? v.getTime()
        : typeof v === 'number'
          ? v
          : typeof v === 'string'
            ? Date.parse(v.endsWith('Z') ? v : `${v}Z`)
            : Number.NaN;
    if (!Number.isFinite(ms)) throw new TypeError(`spine row has a bad '${name}': ${String(v)} (give a Date, epoch ms or an ISO string)`);
    return d.timestampLiteral(ms);
  }
  if (typeof v === 'string') return str(v);
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return String(v);
  throw new TypeError(`spine row has a bad key '${name}': ${String(v)} (give a string or an integer)`);
}
