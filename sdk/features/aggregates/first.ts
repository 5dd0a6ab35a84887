import type { ValueType } from '../value-type.ts';
import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { orderable } from './extremum.ts';
import { keyedExtremumState } from './keyed.ts';
import { type AggInput, type ColumnsOf, inputExpr, type SameAsInput } from './values.ts';

defineAggregate({
  name: 'first',
  suffix: () => 'first',
  doc: 'The non-null value of the earliest event (ties on event time: the smallest value).',
  output: ([t]) => orderable(t, 'first') ?? (t as ValueType),
  sql: (c) => c.argMin(c.args[0] as string, [c.eventMs, c.args[0] as string], `${c.args[0]} IS NOT NULL`),
  state: () => keyedExtremumState(-1),
});

/** The value of the earliest event in the window. @example followers_start: first('followers') */
export function first<const A extends AggInput>(arg: A): AggSpec<'first', ColumnsOf<A>, SameAsInput | null> {
  return aggSpec('first', [inputExpr(arg)]);
}
