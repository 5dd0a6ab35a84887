import type { ValueType } from '../../features/value-type.ts';
import { type SqlDialect, wallTime } from './dialect.ts';

const TYPES: Record<string, string> = {
  string: 'VARCHAR',
  int64: 'BIGINT',
  float64: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

const row = (keys: readonly string[]) => (keys.length === 1 ? (keys[0] as string) : `(${keys.join(', ')})`);
const desc = (keys: readonly string[]) => keys.map((k) => `${k} DESC`).join(', ');

/** DuckDB (embedded; the engine of unit tests and of the local profile). */
export const duckdb: SqlDialect = {
  name: 'duckdb',
  capabilities: { sumWidensInt64: true, embedded: true },
  type: (t: ValueType) => {
    const m = /^list<(.+)>$/.exec(t);
    return m !== null ? `${TYPES[m[1] as string]}[]` : (TYPES[t] as string);
  },
  epochMs: (x) => `epoch_ms(${x})`,
  timestampLiteral: (ms) => `TIMESTAMP '${wallTime(ms)}'`,
  truncToInt64: (x) => `CAST(trunc(${x}) AS BIGINT)`,
  argMax: (v, keys, f) => `arg_max(${v}, ${row(keys)})${f}`,
  argMin: (v, keys, f) => `arg_min(${v}, ${row(keys)})${f}`,
  topK: (v, keys, k, f) => `list_slice(list(${v} ORDER BY ${desc(keys)})${f}, 1, ${k})`,
  kthSmallestDistinct: (x, k, f) => `list_sort(list_distinct(list(${x})${f}))[${k}]`,
  md5Bits52: (text) => `CAST('0x' || substr(md5(${text}), 1, 13) AS BIGINT)`,
};
