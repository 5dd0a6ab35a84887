import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr, isNullish } from './values.ts';

interface MeanState {
  n: number;
  total: number;
}

defineAggregate({
  name: 'mean',
  suffix: () => 'mean',
  doc: 'Arithmetic mean of non-null values, as float64; null when there are none.',
  output: ([t]) => (t === 'int64' || t === 'float64' ? 'float64' : `mean needs a number but the input is ${t} — cast(x, 'float64')`),
  sql: (c) => c.agg('avg', c.args),
  state: () => ({
    init: (): MeanState => ({ n: 0, total: 0 }),
    add: (s, [v]) => {
      const st = s as MeanState;
      if (!isNullish(v)) {
        st.n += 1;
        st.total += Number(v);
      }
      return st;
    },
    remove: (s, [v]) => {
      const st = s as MeanState;
      if (!isNullish(v)) {
        st.n -= 1;
        st.total -= Number(v);
      }
      return st;
    },
    merge: (a, b) => {
      const x = a as MeanState;
      x.n += (b as MeanState).n;
      x.total += (b as MeanState).total;
      return x;
    },
    read: (s) => ((s as MeanState).n === 0 ? null : (s as MeanState).total / (s as MeanState).n),
  }),
});

/**
 * Mean of non-null values.
 *
 * @example er: mean(safeDiv(col('likes').plus(col('comments')), col('followers')))
 */
export function mean<const A extends AggInput>(arg: A): AggSpec<'mean', ColumnsOf<A>, number | null> {
  return aggSpec('mean', [inputExpr(arg)]);
}
