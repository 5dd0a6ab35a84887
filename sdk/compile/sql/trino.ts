import type { ValueType } from '../../features/value-type.ts';
import { type SqlDialect, wallTime } from './dialect.ts';

const TYPES: Record<string, string> = {
  string: 'varchar',
  int64: 'bigint',
  float64: 'double',
  bool: 'boolean',
  timestamp: 'timestamp(6)',
  date: 'date',
};

const desc = (keys: readonly string[]) => keys.map((k) => `${k} DESC`).join(', ');
const asc = (keys: readonly string[]) => keys.join(', ');

/**
 * Trino (the cluster profile). Its arg-max family takes a ROW for tie-breaking keys; its epoch is a
 * `date_diff` in milliseconds, because `to_unixtime` returns a double that can round 0.123 s to 0.122.
 */
export const trino: SqlDialect = {
  name: 'trino',
  capabilities: { sumWidensInt64: false, embedded: false },
  type: (t: ValueType) => {
    const m = /^list<(.+)>$/.exec(t);
    return m !== null ? `array(${TYPES[m[1] as string]})` : (TYPES[t] as string);
  },
  epochMs: (x, tz) =>
    tz ? `date_diff('millisecond', from_unixtime(0), ${x})` : `date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', ${x})`,
  timestampLiteral: (ms) => `TIMESTAMP '${wallTime(ms)}'`,
  truncToInt64: (x) => `CAST(truncate(${x}) AS bigint)`,
  argMax: (v, keys, f) => `max_by(${v}, ROW(${asc(keys)}))${f}`,
  argMin: (v, keys, f) => `min_by(${v}, ROW(${asc(keys)}))${f}`,
  topK: (v, keys, k, f) => `slice(array_agg(${v} ORDER BY ${desc(keys)})${f}, 1, ${k})`,
  kthSmallestDistinct: (x, k, f) => `element_at(array_sort(array_distinct(array_agg(${x})${f})), ${k})`,
  md5Bits52: (text) => `from_base(substr(lower(to_hex(md5(to_utf8(${text})))), 1, 13), 16)`,
};
