import type { StateOps } from './define.ts';
import { compareKeyed, isNullish } from './values.ts';

/** A value with its event time: the unit that first, last and lastK keep. */
export interface Keyed {
  t: number;
  v: unknown;
}

/**
 * The earliest (`sign = -1`) or latest (`sign = 1`) non-null value by `(event time, value)`: ties on event
 * time go to the smaller (first) or larger (last) value, exactly as the SQL orders them, so that duplicate
 * timestamps give one answer everywhere.
 */
export function keyedExtremumState(sign: 1 | -1): StateOps {
  const better = (a: Keyed | null, b: Keyed | null): Keyed | null =>
    a === null ? b : b === null ? a : sign * compareKeyed(b.t, b.v, a.t, a.v) > 0 ? b : a;
  return {
    init: () => null,
    add: (s, [v], t) => (isNullish(v) ? s : better(s as Keyed | null, { t, v })),
    merge: (a, b) => better(a as Keyed | null, b as Keyed | null),
    read: (s) => (s === null ? null : (s as Keyed).v),
  };
}
