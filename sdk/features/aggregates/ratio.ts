import { type AggSpec, aggSpec, defineAggregate, type StateOps } from './define.ts';

defineAggregate({
  name: 'ratio',
  suffix: () => 'ratio',
  doc: 'One aggregate divided by another over the same window, as float64; null when the divisor is 0 or null.',
  output: (_inputs, parts) => {
    const bad = parts.find((t) => t !== 'int64' && t !== 'float64');
    return parts.length !== 2 ? 'ratio needs two aggregates' : bad !== undefined ? `ratio needs numeric aggregates, not ${bad}` : 'float64';
  },
  sql: (c) => `${c.cast(c.parts[0] as string, 'float64')} / NULLIF(${c.cast(c.parts[1] as string, 'float64')}, 0)`,
  state: ({ parts }) => {
    const [a, b] = parts as [StateOps, StateOps];
    const ops: StateOps = {
      init: () => [a.init(), b.init()],
      add: (s, v, t) => {
        const [x, y] = s as [unknown, unknown];
        return [a.add(x, v[0] as unknown[], t), b.add(y, v[1] as unknown[], t)];
      },
      merge: (s1, s2) => {
        const [x1, y1] = s1 as [unknown, unknown];
        const [x2, y2] = s2 as [unknown, unknown];
        return [a.merge(x1, x2), b.merge(y1, y2)];
      },
      read: (s) => {
        const [x, y] = s as [unknown, unknown];
        const num = a.read(x);
        const den = b.read(y);
        return num === null || den === null || Number(den) === 0 ? null : Number(num) / Number(den);
      },
    };
    if (a.remove !== undefined && b.remove !== undefined) {
      const [ra, rb] = [a.remove, b.remove];
      ops.remove = (s, v, t) => {
        const [x, y] = s as [unknown, unknown];
        return [ra(x, v[0] as unknown[], t), rb(y, v[1] as unknown[], t)];
      };
    }
    return ops;
  },
});

/**
 * `numerator / denominator` over the same window. The state receives one input array per part
 * (see incremental.ts).
 *
 * @example like_rate: ratio(sum('likes'), sum('impressions'))  // like_rate_ratio_7d
 */
export function ratio<A extends string, B extends string>(
  numerator: AggSpec<string, A>,
  denominator: AggSpec<string, B>,
): AggSpec<'ratio', A | B, number | null> {
  return aggSpec<'ratio', A | B, number | null>('ratio', [], {}, [numerator, denominator]);
}
