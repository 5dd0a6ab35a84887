/**
 * Metric values on the wire and on disk. JSON has no NaN or Infinity: MLflow's protobuf JSON spells them
 * `"NaN"`, `"Infinity"`, `"-Infinity"` (strings). The file store writes Python's `repr(float)`
 * (`0.5`, `3.0`, `1e-20`, `nan`, `inf`), which is what this module writes too, so that files written
 * here are byte-for-byte what the Python client would have written.
 */

/** What to do with NaN and ±Infinity metric values. */
export type NonFinitePolicy = 'reject' | 'send';

/** A metric value as a JSON token (a number, or one of protobuf's three quoted names). */
export function metricValueJson(value: number): string {
  if (Number.isFinite(value)) return Object.is(value, -0) ? '-0.0' : String(value);
  if (Number.isNaN(value)) return '"NaN"';
  return value > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Reads a metric value from MLflow's JSON (a number or `"NaN"`/`"Infinity"`/`"-Infinity"`). */
export function parseMetricValue(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    if (raw === 'NaN') return Number.NaN;
    if (raw === 'Infinity') return Number.POSITIVE_INFINITY;
    if (raw === '-Infinity') return Number.NEGATIVE_INFINITY;
    const n = Number(raw);
    if (!Number.isNaN(n)) return n;
  }
  return Number.NaN;
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (JavaScript computes the same digits),
 * fixed notation for decimal exponents in [-4, 16), scientific otherwise with at least two exponent
 * digits.
 *
 * @example
 * pythonFloatRepr(3); // '3.0'
 * pythonFloatRepr(1e-5); // '1e-05'
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
    const whole = digits.length > e + 1 ? digits.slice(0, e + 1) : digits.padEnd(e + 1, '0');
    const frac = digits.length > e + 1 ? digits.slice(e + 1) : '0';
    return `${sign}${whole}.${frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const abs = Math.abs(e);
  return `${sign}${m}e${e < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

/**
 * Reads what Python's `float()` reads from a file-store metric line.
 *
 * @example
 * parsePythonFloat('nan'); // NaN
 */
export function parsePythonFloat(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return Number.NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Number.POSITIVE_INFINITY;
  if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
  return Number(t);
}

/** Length in code points, as Python's `len(str)` counts (a surrogate pair is one). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
