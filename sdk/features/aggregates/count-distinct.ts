import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr } from './values.ts';

defineAggregate({
  name: 'count_distinct',
  suffix: () => 'count_distinct',
  doc: 'Exact number of distinct non-null values (batch only).',
  output: ([t]) => (t === undefined ? 'countDistinct needs an input' : 'int64'),
  sql: (c) => c.countDistinct(c.args[0] as string),
  state: null,
  noState: {
    reason: 'an exact distinct count must keep every value of the window, which does not fit in mergeable tiles',
    alternative: 'approxDistinct(x) — exact up to k distinct values (default 1024), identical in SQL and streaming',
  },
});

/**
 * Exact distinct count. Batch only: a set that also runs online must use approxDistinct.
 *
 * @example brands: countDistinct('brand_id')
 */
export function countDistinct<const A extends AggInput>(arg: A): AggSpec<'count_distinct', ColumnsOf<A>, bigint> {
  return aggSpec('count_distinct', [inputExpr(arg)]);
}
