import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no whitespace, bigint as a decimal string, Date as ISO, functions and
 * undefined dropped. Two definitions with the same meaning serialise to the same bytes, so the content hash
 * identifies a definition across processes and machines (train-time vs serve-time checks).
 *
 * @example canonicalJson({ b: 1, a: [2n] }) // '{"a":["2"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return value;
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined || typeof v === 'function' ? null : normalize(v)));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || typeof v === 'function') continue;
      out[key] = normalize(v);
    }
    return out;
  }
  return undefined;
}

/** sha256 (hex) of the canonical JSON. @example contentHash(set) // '3f1c…' */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
