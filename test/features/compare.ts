import type { FeatureSetDef } from '../../sdk/features/index.ts';

/**
 * Float tolerance: the engines sum in their own order and use their own variance/regression algorithms, so
 * floats agree to rounding, not to the bit. 1e-9 relative (floor 1e-9 absolute) is ~10⁶ ulps: far above
 * reordering noise on these magnitudes, far below any real bug (an event too many moves values by ≥ 1e-3).
 */
export const REL_TOL = 1e-9;

export function sameValue(a: unknown, b: unknown, float: boolean, tol = REL_TOL): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i], float, tol));
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  if (float) {
    const x = Number(a);
    const y = Number(b);
    return Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));
  }
  return typeof a === 'bigint' || typeof b === 'bigint' ? BigInt(a as bigint) === BigInt(b as bigint) : a === b;
}

const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

/** Every mismatching cell, described, so that a failing test prints what differs and where. */
export function frameDiff(
  set: FeatureSetDef,
  actual: readonly Record<string, unknown>[],
  expected: readonly Record<string, unknown>[],
): string[] {
  const out: string[] = [];
  if (actual.length !== expected.length) out.push(`row count: sql ${actual.length}, reference ${expected.length}`);
  const cols = [
    ...set.entity.keys.map((k) => ({ name: k, float: false })),
    { name: 'as_of', float: false },
    ...set.outputs.map((o) => ({ name: o.name, float: o.type === 'float64' })),
  ];
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const a = actual[i] as Record<string, unknown>;
    const e = expected[i] as Record<string, unknown>;
    for (const c of cols) {
      if (!sameValue(a[c.name], e[c.name], c.float)) {
        out.push(
          `row ${i} (${show(e.creator_id)} @ ${(e.as_of as Date).toISOString()}) ${c.name}: sql ${show(a[c.name])}, reference ${show(e[c.name])}`,
        );
      }
    }
  }
  return out;
}
