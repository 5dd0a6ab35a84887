import { createHash } from 'node:crypto';

/**
 * The approximate distinct count: a KMV ("k minimum values") sketch over a hash that every engine computes
 * bit for bit — the first 13 hex digits (52 bits) of the md5 of the value's text. DuckDB (`md5`), Trino
 * (`md5(to_utf8(..))`) and node's crypto agree on md5, the text of a string / int64 / bool is the same
 * everywhere, and 52 bits convert to a double exactly; the estimate is one IEEE division. So the value is
 * identical in DuckDB, Trino and TypeScript, unlike each engine's own `approx_count_distinct` (HLL with
 * engine-specific hashes). Up to `k` distinct values it is exact; above, its relative error is ≈ 1/√(k − 2).
 * The sketch is mergeable (union, keep the k + 1 smallest), so it tiles; it cannot remove values.
 *
 * Floats and timestamps are refused: their text differs between engines (cast them to int64 or string).
 */
export const HASH_BITS = 52;
export const HASH_SPACE = 2 ** HASH_BITS;
export const DEFAULT_K = 1024;

/** The 52-bit hash of a value's text (bigint and number print their decimal digits, booleans true/false). */
export function hash52(value: unknown): number {
  const text = typeof value === 'string' ? value : String(value);
  return Number.parseInt(createHash('md5').update(text, 'utf8').digest('hex').slice(0, 13), 16);
}

/** The estimate from the sorted distinct hashes kept (at most k + 1 of them). */
export function kmvEstimate(smallest: readonly number[], k: number): bigint {
  if (smallest.length <= k) return BigInt(smallest.length);
  return BigInt(Math.floor(((k - 1) * HASH_SPACE) / (smallest[k - 1] as number)));
}

/** Union of two sorted distinct hash lists, keeping the k + 1 smallest. */
export function kmvMerge(a: readonly number[], b: readonly number[], k: number): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (out.length <= k && (i < a.length || j < b.length)) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const next = Math.min(x, y);
    if (x === next) i++;
    if (y === next) j++;
    out.push(next);
  }
  return out;
}
