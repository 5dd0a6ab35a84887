import type { ValueType } from '../value-type.ts';
import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { extremumState, orderable } from './extremum.ts';
import { type AggInput, inputExpr, type SameAsInput } from './values.ts';

defineAggregate({
  name: 'min',
  suffix: () => 'min',
  doc: 'Smallest non-null value; null when there are none.',
  output: ([t]) => orderable(t, 'min') ?? (t as ValueType),
  sql: (c) => c.agg('min', c.args),
  state: () => extremumState(-1),
});

/** Smallest non-null value. @example first_seen: min('posted_at') */
export function min<C extends string>(arg: AggInput<C>): AggSpec<'min', C, SameAsInput | null> {
  return aggSpec('min', [inputExpr(arg)]);
}
