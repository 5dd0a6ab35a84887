import type { ValueType } from '../value-type.ts';
import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { extremumState, orderable } from './extremum.ts';
import { type AggInput, type ColumnsOf, inputExpr, type SameAsInput } from './values.ts';

defineAggregate({
  name: 'max',
  suffix: () => 'max',
  doc: 'Largest non-null value; null when there are none.',
  output: ([t]) => orderable(t, 'max') ?? (t as ValueType),
  sql: (c) => c.agg('max', c.args),
  state: () => extremumState(1),
});

/** Largest non-null value. @example peak_likes: max('likes') */
export function max<const A extends AggInput>(arg: A): AggSpec<'max', ColumnsOf<A>, SameAsInput | null> {
  return aggSpec('max', [inputExpr(arg)]);
}
