import type { StateOps } from './define.ts';
import { compareValues, isNullish } from './values.ts';

/**
 * The state of min and max: the best value so far. Not invertible (removing the minimum would need the
 * next one), so sliding windows merge tiles instead of calling `remove`.
 */
export function extremumState(sign: 1 | -1): StateOps {
  const better = (a: unknown, b: unknown) => (isNullish(a) ? b : isNullish(b) ? a : sign * compareValues(b, a) > 0 ? b : a);
  return {
    init: () => null,
    add: (s, [v]) => better(s, v),
    merge: better,
    read: (s) => s ?? null,
  };
}

export const orderable = (t: string | undefined, name: string): string | undefined =>
  t === 'string' || t === 'int64' || t === 'float64' || t === 'timestamp' || t === 'date' || t === 'bool'
    ? undefined
    : `${name} needs an orderable scalar but the input is ${t}`;
