import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr } from './values.ts';
import { numericInput, welfordOps, welfordVariance } from './welford.ts';

for (const sample of [true, false]) {
  const name = sample ? 'stddev_samp' : 'stddev_pop';
  defineAggregate({
    name,
    suffix: () => (sample ? 'stddev' : 'stddev_pop'),
    doc: sample ? 'Sample standard deviation (n − 1); null under 2 values.' : 'Population standard deviation; null when empty.',
    output: ([t]) => numericInput(t, name) ?? 'float64',
    sql: (c) => c.agg(name, c.args),
    state: () =>
      welfordOps((s) => {
        const v = welfordVariance(s, sample);
        return v === null ? null : Math.sqrt(v);
      }),
  });
}

/**
 * Standard deviation of non-null values; `{ population: true }` for the population form.
 *
 * @example likes_sd: stddev('likes')  // likes_sd_stddev_28d
 */
export function stddev<const A extends AggInput>(
  arg: A,
  opts: { population?: boolean } = {},
): AggSpec<'stddev_samp' | 'stddev_pop', ColumnsOf<A>, number | null> {
  return aggSpec(opts.population === true ? 'stddev_pop' : 'stddev_samp', [inputExpr(arg)]);
}
