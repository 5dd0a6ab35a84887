import type { QueryResult } from './result.ts';

/**
 * One value as JSON can carry it: bigint → number when exact, else its decimal text; Date → ISO text;
 * bytes → base64. Used for `--json` and CSV output.
 *
 * @example
 * jsonValue(12n); // 12
 */
export function jsonValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(jsonValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

/** The rows with every value made JSON-safe by {@link jsonValue}. */
export function jsonRows(result: Pick<QueryResult, 'rows'>): Record<string, unknown>[] {
  return result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)])));
}

/**
 * RFC 4180 CSV with a header line: fields with a comma, quote or line break are quoted, quotes doubled;
 * NULL is an empty field; nested values are their JSON text.
 *
 * @example
 * toCsv(await sql('SELECT 1 AS a, \'x,y\' AS b')); // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(result: Pick<QueryResult, 'columns' | 'rows'>): string {
  const keys = result.rows.length > 0 ? Object.keys(result.rows[0] as object) : result.columns.map((c) => c.name);
  const field = (v: unknown): string => {
    const j = jsonValue(v);
    const text = j === null ? '' : typeof j === 'object' ? JSON.stringify(j) : String(j);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [result.columns.map((c) => field(c.name)).join(','), ...result.rows.map((r) => keys.map((k) => field(r[k])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
