import type { ValueType } from '../../features/value-type.ts';

/**
 * What differs between engines, and nothing else: the generator writes one query shape and asks the
 * dialect only for spellings (like kysely's dialect overrides) and capability flags (like malloy's).
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'trino';
  readonly capabilities: {
    /** `sum(BIGINT)` widens (DuckDB: HUGEINT), so an int64 sum is cast back to keep the declared type. */
    readonly sumWidensInt64: boolean;
    /** The engine runs in process and can execute compiled SQL in unit tests. */
    readonly embedded: boolean;
  };
  type(t: ValueType): string;
  /** Epoch milliseconds (BIGINT) of a timestamp expression; `tz` when the column carries a time zone. */
  epochMs(x: string, tz: boolean): string;
  /** A TIMESTAMP literal (UTC wall time, millisecond precision). */
  timestampLiteral(ms: number): string;
  /** Float → int64, truncating toward zero (engines' own casts round, and differently). */
  truncToInt64(x: string): string;
  /** The value at the greatest / least tuple of keys; `filter` is a full `FILTER (WHERE …)` clause or ''. */
  argMax(value: string, keys: readonly string[], filter: string): string;
  argMin(value: string, keys: readonly string[], filter: string): string;
  /** The first `k` values ordered by keys descending, as a list / array; null when there are none. */
  topK(value: string, keys: readonly string[], k: number, filter: string): string;
  /** The k-th smallest distinct value (1-based) of `arg`, null when there are fewer. */
  kthSmallestDistinct(arg: string, k: number, filter: string): string;
  /** The first 13 hex digits of md5 of a VARCHAR expression, as BIGINT (see features/aggregates/kmv.ts). */
  md5Bits52(text: string): string;
}

/** A quoted identifier (both engines follow the standard: double quotes, doubled inside). */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A quoted string literal. */
export const str = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
export function wallTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}
