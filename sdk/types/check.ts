import type { AnyColumn } from './column.ts';

/** One thing wrong with a value: where (`posts[3]`, `hashtags[2]`) and why. */
export interface ValueProblem {
  readonly path: string;
  readonly reason: string;
}

/** Appends the problems of `value` at `path`; compiled once per column so validation stays fast. */
export type ValueCheck = (value: unknown, path: string, problems: ValueProblem[]) => void;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && !leap ? 28 : (DAYS[m - 1] as number));
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The number of `n` digits at `at`, or -1 when one of them is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Epoch milliseconds of a wire-format timestamp (`2024-03-01T12:00:00Z`, with `.mmm` or `.mmmmmm`), NaN
 * when it is not one or names an impossible date. Hand-parsed: validation and replay read millions of
 * these, and a regular expression plus `Date.parse` cost several times more.
 *
 * @example timestampMillis('1970-01-01T00:00:01.500Z') // 1500
 */
export function timestampMillis(s: string): number {
  const n = s.length;
  if ((n !== 20 && n !== 24 && n !== 27) || s.charCodeAt(n - 1) !== 90 /* Z */) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return Number.NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  let frac = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46) return Number.NaN;
    frac = digits(s, 20, n - 21);
    if (frac < 0) return Number.NaN;
    if (n === 27) frac /= 1000;
  }
  if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || !validDate(y, mo, d)) return Number.NaN;
  return (((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60 + sec) * 1000 + frac;
}

/** Whether `s` is an ISO-8601 UTC timestamp in the wire format (`…T12:00:00.000Z`, ms or µs or none). */
export function isTimestampString(s: string): boolean {
  return !Number.isNaN(timestampMillis(s));
}

/** Whether `s` is a real calendar date `YYYY-MM-DD`. */
export function isDateString(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && validDate(+(m[1] as string), +(m[2] as string), +(m[3] as string));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}

function bounded(col: AnyColumn, what: string): ValueCheck {
  const { min, max } = col;
  const integer = col.kind === 'int64';
  return (v, path, problems) => {
    if (typeof v !== 'number' || (integer ? !Number.isSafeInteger(v) : !Number.isFinite(v))) {
      problems.push({ path, reason: `expected ${what}, got ${describe(v)}` });
    } else if (min !== undefined && v < min) problems.push({ path, reason: `must be ≥ ${min}, got ${v}` });
    else if (max !== undefined && v > max) problems.push({ path, reason: `must be ≤ ${max}, got ${v}` });
  };
}

/**
 * Compiles the check of a non-null value of `col` (nullability is the caller's concern: a row decides
 * whether a missing key is allowed).
 *
 * @example
 * const problems: ValueProblem[] = [];
 * compileValueCheck(t.int64({ min: 0 }))(-1, 'likes', problems); // [{ path: 'likes', reason: 'must be ≥ 0, got -1' }]
 */
export function compileValueCheck(col: AnyColumn): ValueCheck {
  switch (col.kind) {
    case 'string': {
      const values = col.values === undefined ? undefined : new Set(col.values);
      const pattern = col.pattern === undefined ? undefined : new RegExp(col.pattern);
      const listed = col.values?.join(', ');
      return (v, path, problems) => {
        if (typeof v !== 'string') problems.push({ path, reason: `expected a string, got ${describe(v)}` });
        else if (values !== undefined && !values.has(v)) problems.push({ path, reason: `${describe(v)} is not one of ${listed}` });
        else if (pattern !== undefined && !pattern.test(v))
          problems.push({ path, reason: `${describe(v)} does not match /${col.pattern}/` });
      };
    }
    case 'int64':
      return bounded(col, 'an integer');
    case 'float64':
      return bounded(col, 'a finite number');
    case 'bool':
      return (v, path, problems) => {
        if (typeof v !== 'boolean') problems.push({ path, reason: `expected true or false, got ${describe(v)}` });
      };
    case 'timestamp':
      return (v, path, problems) => {
        if (typeof v !== 'string' || !isTimestampString(v)) {
          problems.push({ path, reason: `expected an ISO-8601 UTC timestamp like 2024-01-31T12:00:00.000Z, got ${describe(v)}` });
        }
      };
    case 'date':
      return (v, path, problems) => {
        if (typeof v !== 'string' || !isDateString(v)) problems.push({ path, reason: `expected a date YYYY-MM-DD, got ${describe(v)}` });
      };
    case 'list': {
      const el = col.element;
      if (el === undefined) throw new TypeError('list column type without an element type');
      const check = compileValueCheck(el);
      return (v, path, problems) => {
        if (!Array.isArray(v)) {
          problems.push({ path, reason: `expected an array, got ${describe(v)}` });
          return;
        }
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === null || item === undefined) {
            if (!el.nullable) problems.push({ path: `${path}[${i}]`, reason: 'must not be null' });
          } else check(item, `${path}[${i}]`, problems);
        }
      };
    }
  }
}

/** Short human spelling of a column type, for messages: `int64`, `list<string>`, `string?`. */
export function typeLabel(col: AnyColumn): string {
  const base =
    col.kind === 'list' && col.element !== undefined
      ? `list<${typeLabel(col.element)}>`
      : col.values
        ? `enum(${col.values.join('|')})`
        : col.kind;
  return col.nullable ? `${base}?` : base;
}
