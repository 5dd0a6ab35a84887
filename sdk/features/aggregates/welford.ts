import type { StateOps } from './define.ts';
import { isNullish } from './values.ts';

/**
 * Count, mean and sum of squared deviations: numerically stable and mergeable (Chan et al.).
 *
 * The state functions offer no `remove`: subtracting an expired value can leave a residue where the true
 * spread is zero (a stddev of 1e-5 instead of 0 after enough history), so a sliding window computed that way
 * would disagree with SQL. Windows merge tiles instead, which is exact to rounding. `welfordRemove` stays for
 * callers that accept the drift.
 */
export interface WelfordState {
  n: number;
  mean: number;
  m2: number;
}

export function welfordAdd(s: WelfordState, x: number): WelfordState {
  s.n += 1;
  const d = x - s.mean;
  s.mean += d / s.n;
  s.m2 += d * (x - s.mean);
  return s;
}

export function welfordRemove(s: WelfordState, x: number): WelfordState {
  if (s.n <= 1) return { n: 0, mean: 0, m2: 0 };
  const d = x - s.mean;
  s.n -= 1;
  s.mean -= d / s.n;
  s.m2 -= d * (x - s.mean);
  if (s.m2 < 0) s.m2 = 0;
  return s;
}

export function welfordMerge(a: WelfordState, b: WelfordState): WelfordState {
  if (b.n === 0) return a;
  if (a.n === 0) return { ...b };
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  a.m2 += b.m2 + (d * d * a.n * b.n) / n;
  a.mean += (d * b.n) / n;
  a.n = n;
  return a;
}

/** Variance from a Welford state: sample (n − 1) or population (n); null where SQL gives null. */
export function welfordVariance(s: WelfordState, sample: boolean): number | null {
  if (s.n === 0 || (sample && s.n < 2)) return null;
  return s.m2 / (sample ? s.n - 1 : s.n);
}

export function welfordOps(read: (s: WelfordState) => unknown): StateOps {
  return {
    init: (): WelfordState => ({ n: 0, mean: 0, m2: 0 }),
    add: (s, [v]) => (isNullish(v) ? s : welfordAdd(s as WelfordState, Number(v))),
    merge: (a, b) => welfordMerge(a as WelfordState, b as WelfordState),
    read: (s) => read(s as WelfordState),
  };
}

export const numericInput = (t: string | undefined, name: string): string | undefined =>
  t === 'int64' || t === 'float64' ? undefined : `${name} needs a number but the input is ${t} — cast(x, 'float64')`;
