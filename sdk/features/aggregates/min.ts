import type { ValueType } from '../value-type.ts';
import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { extremumState, orderable } from './extremum.ts';
import { type AggInput, type ColumnsOf, inputExpr, type SameAsInput } from './values.ts';

defineAggregate({
  name: 'min',
  suffix: () => 'min',
  doc: 'Smallest non-null value; null when there are none.',
  output: ([t]) => orderable(t, 'min') ?? (t as ValueType),
  sql: (c) => c.agg('min', c.args),
  state: () => extremumState(-1),
});

/** Smallest non-null value. @example first_seen: min('posted_at') */
export function min<const A extends AggInput>(arg: A): AggSpec<'min', ColumnsOf<A>, SameAsInput | null> {
  return aggSpec('min', [inputExpr(arg)]);
}
