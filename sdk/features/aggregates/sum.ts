import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr, isNullish, type SameAsInput } from './values.ts';

interface SumState {
  n: number;
  total: number | bigint;
}

defineAggregate({
  name: 'sum',
  suffix: () => 'sum',
  doc: 'Sum of non-null values; null when there are none. int64 stays int64.',
  output: ([t]) => (t === 'int64' || t === 'float64' ? t : `sum needs a number but the input is ${t} — count() it, or cast(x, 'float64')`),
  // DuckDB widens an int64 sum to HUGEINT; the cast keeps the declared int64 in both engines.
  sql: (c) => (c.inputTypes[0] === 'int64' ? c.cast(c.agg('sum', c.args), 'int64') : c.agg('sum', c.args)),
  state: ({ inputTypes }) => {
    const zero = inputTypes[0] === 'int64' ? 0n : 0;
    const plus = (a: number | bigint, b: unknown) => (typeof a === 'bigint' ? a + BigInt(b as bigint) : a + Number(b));
    const minus = (a: number | bigint, b: unknown) => (typeof a === 'bigint' ? a - BigInt(b as bigint) : a - Number(b));
    return {
      init: (): SumState => ({ n: 0, total: zero }),
      add: (s, [v]) => {
        const st = s as SumState;
        if (!isNullish(v)) {
          st.n += 1;
          st.total = plus(st.total, v);
        }
        return st;
      },
      remove: (s, [v]) => {
        const st = s as SumState;
        if (!isNullish(v)) {
          st.n -= 1;
          st.total = minus(st.total, v);
        }
        return st;
      },
      merge: (a, b) => {
        const x = a as SumState;
        const y = b as SumState;
        x.n += y.n;
        x.total = plus(x.total, y.total);
        return x;
      },
      read: (s) => ((s as SumState).n === 0 ? null : (s as SumState).total),
    };
  },
});

/**
 * Sum of non-null values (null for an empty window). The output has the input's type.
 *
 * @example likes: sum('likes')  // likes_sum_7d: bigint | null
 */
export function sum<const A extends AggInput>(arg: A): AggSpec<'sum', ColumnsOf<A>, SameAsInput | null> {
  return aggSpec('sum', [inputExpr(arg)]);
}
