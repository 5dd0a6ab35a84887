import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr, isNullish } from './values.ts';

defineAggregate({
  name: 'count',
  suffix: () => 'count',
  doc: 'Number of events in the window; with an argument, number of non-null values.',
  output: () => 'int64',
  sql: (c) => (c.args.length === 0 ? c.agg('count', [c.eventMs]) : c.agg('count', c.args)),
  state: ({ inputTypes }) => ({
    init: () => 0,
    add: (s, v) => (inputTypes.length === 0 || !isNullish(v[0]) ? (s as number) + 1 : s),
    remove: (s, v) => (inputTypes.length === 0 || !isNullish(v[0]) ? (s as number) - 1 : s),
    merge: (a, b) => (a as number) + (b as number),
    read: (s) => BigInt(s as number),
  }),
});

/**
 * Events in the window, or non-null values of `arg`. Never null (0 for an empty window).
 *
 * @example posts: count()  // posts_count_7d
 */
export function count(): AggSpec<'count', never, bigint>;
export function count<const A extends AggInput>(arg: A): AggSpec<'count', ColumnsOf<A>, bigint>;
export function count(arg?: AggInput): AggSpec<'count', string, bigint> {
  return aggSpec('count', arg === undefined ? [] : [inputExpr(arg)]);
}
