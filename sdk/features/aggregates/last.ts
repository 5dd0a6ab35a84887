import type { ValueType } from '../value-type.ts';
import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { orderable } from './extremum.ts';
import { keyedExtremumState } from './keyed.ts';
import { type AggInput, type ColumnsOf, inputExpr, type SameAsInput } from './values.ts';

defineAggregate({
  name: 'last',
  suffix: () => 'last',
  doc: 'The non-null value of the latest event (ties on event time: the largest value).',
  output: ([t]) => orderable(t, 'last') ?? (t as ValueType),
  sql: (c) => c.argMax(c.args[0] as string, [c.eventMs, c.args[0] as string], `${c.args[0]} IS NOT NULL`),
  state: () => keyedExtremumState(1),
});

/** The value of the latest event in the window. @example followers: last('followers') */
export function last<const A extends AggInput>(arg: A): AggSpec<'last', ColumnsOf<A>, SameAsInput | null> {
  return aggSpec('last', [inputExpr(arg)]);
}
