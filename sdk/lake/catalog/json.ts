/**
 * JSON that keeps 64-bit integers exact. Iceberg snapshot ids are random longs: `JSON.parse` would round
 * them to the nearest double and the catalog would answer with a snapshot that does not exist. Integers
 * beyond 2^53 become `bigint`; every smaller number stays a `number`, so one value always has one form.
 */
const MARK = '\u0000bigint:';

/**
 * Parses JSON text, reading unsafe integers as `bigint`.
 *
 * @example parseJson('{"snapshot-id": 2523328725131331175}') // { 'snapshot-id': 2523328725131331175n }
 */
export function parseJson(text: string): unknown {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // skip a string literal, escapes included
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i += 1;
      }
      i += 1;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i;
      i += 1;
      while (i < n && /[0-9.eE+-]/.test(text[i] as string)) i += 1;
      const token = text.slice(start, i);
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(last, start)}"\\u0000bigint:${token}"`;
        last = i;
      }
    } else {
      i += 1;
    }
  }
  out += text.slice(last);
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value,
  );
}

/**
 * JSON text of a value that may hold `bigint`s, written as plain integers.
 *
 * @example stringifyJson({ id: 2523328725131331175n }) // '{"id":2523328725131331175}'
 */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v}` : v));
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** A 64-bit id as parsed by {@link parseJson}. */
export type Long = number | bigint;

export const isLong = (v: unknown): v is Long => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';

/** Equality of two longs whichever form each has. */
export const sameLong = (a: unknown, b: unknown): boolean => isLong(a) && isLong(b) && BigInt(a) === BigInt(b);
