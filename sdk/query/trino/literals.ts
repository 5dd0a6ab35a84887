import type { SqlValue } from '../types.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A parameter value as a typed Trino literal for `EXECUTE … USING`. Trino's protocol has no out-of-band
 * parameter values: `USING` takes literals. Each is built from the value's JS type alone (a string can
 * only become a `'…'` literal with its quotes doubled, which is complete for Trino's grammar, where a
 * backslash is an ordinary character), so a value can never change the shape of the statement.
 *
 * @example
 * trinoLiteral("it's"); // "'it''s'"
 * trinoLiteral(new Date(0)); // "TIMESTAMP '1970-01-01 00:00:00.000 UTC'"
 */
export function trinoLiteral(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'string':
      return quote(value);
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? `BIGINT '${value}'` : `DECIMAL '${value}'`;
    case 'number':
      return numberLiteral(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('cannot bind an invalid Date');
    return `TIMESTAMP '${value.toISOString().replace('T', ' ').replace('Z', '')} UTC'`;
  }
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`;
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => trinoLiteral(v)).join(', ')}]`;
  throw new TypeError(`cannot bind a value of type ${Object.prototype.toString.call(value)} as a SQL parameter`);
}

function quote(text: string): string {
  if (text.includes('\u0000')) throw new TypeError('a string parameter cannot contain a NUL character');
  return `'${text.replaceAll("'", "''")}'`;
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return 'nan()';
  if (n === Number.POSITIVE_INFINITY) return 'infinity()';
  if (n === Number.NEGATIVE_INFINITY) return '-infinity()';
  if (Number.isSafeInteger(n)) return String(n);
  // A bare `1.5` is a DECIMAL in Trino; the exponent makes it the DOUBLE a JS number is.
  const text = String(n);
  return /e/i.test(text) ? text : `${text}E0`;
}
