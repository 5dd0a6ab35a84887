import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr } from './values.ts';
import { numericInput, welfordOps, welfordVariance } from './welford.ts';

for (const sample of [true, false]) {
  const name = sample ? 'var_samp' : 'var_pop';
  defineAggregate({
    name,
    suffix: () => (sample ? 'var' : 'var_pop'),
    doc: sample ? 'Sample variance (n − 1); null under 2 values.' : 'Population variance (n); null when empty.',
    output: ([t]) => numericInput(t, name) ?? 'float64',
    sql: (c) => c.agg(name, c.args),
    state: () => welfordOps((s) => welfordVariance(s, sample)),
  });
}

/**
 * Variance of non-null values; `{ population: true }` divides by n instead of n − 1.
 *
 * @example likes_var: variance('likes')  // likes_var_28d
 */
export function variance<const A extends AggInput>(
  arg: A,
  opts: { population?: boolean } = {},
): AggSpec<'var_samp' | 'var_pop', ColumnsOf<A>, number | null> {
  return aggSpec(opts.population === true ? 'var_pop' : 'var_samp', [inputExpr(arg)]);
}
