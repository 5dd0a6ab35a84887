import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type Keyed, keyedExtremumState } from './keyed.ts';
import { type AggInput, type ColumnsOf, inputExpr } from './values.ts';
import { numericInput, type WelfordState, welfordOps, welfordVariance } from './welford.ts';

defineAggregate({
  name: 'zscore',
  suffix: () => 'zscore',
  doc: 'How unusual the latest value is: (latest − mean) / sample stddev over the window (the latest included); null under 2 values or when the stddev is 0.',
  output: ([t]) => numericInput(t, 'zscore') ?? 'float64',
  sql: (c) => {
    const x = c.args[0] as string;
    const latest = c.argMax(x, [c.eventMs, x], `${x} IS NOT NULL`);
    return `(${latest} - ${c.agg('avg', [x])}) / NULLIF(${c.agg('stddev_samp', [x])}, 0)`;
  },
  state: () => {
    const last = keyedExtremumState(1);
    const stats = welfordOps((s) => s);
    return {
      init: () => [last.init(), stats.init()],
      add: (s, v, t) => {
        const [l, w] = s as [unknown, unknown];
        return [last.add(l, v, t), stats.add(w, v, t)];
      },
      merge: (a, b) => {
        const [la, wa] = a as [unknown, unknown];
        const [lb, wb] = b as [unknown, unknown];
        return [last.merge(la, lb), stats.merge(wa, wb)];
      },
      read: (s) => {
        const [l, w] = s as [Keyed | null, WelfordState];
        const v = welfordVariance(w, true);
        if (l === null || v === null || v === 0) return null;
        return (Number(l.v) - w.mean) / Math.sqrt(v);
      },
    };
  },
});

/**
 * The latest value's z-score within its window.
 *
 * @example likes_z: zscore('likes')  // likes_z_zscore_28d
 */
export function zscore<const A extends AggInput>(arg: A): AggSpec<'zscore', ColumnsOf<A>, number | null> {
  return aggSpec('zscore', [inputExpr(arg)]);
}
