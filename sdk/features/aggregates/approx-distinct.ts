import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { DEFAULT_K, HASH_SPACE, hash52, kmvEstimate, kmvMerge } from './kmv.ts';
import { type AggInput, type ColumnsOf, inputExpr, isNullish } from './values.ts';

defineAggregate({
  name: 'approx_distinct',
  suffix: () => 'distinct',
  doc: 'Distinct non-null values: exact up to k, then a KMV estimate identical in every engine (see kmv.ts).',
  output: ([t], _parts, p) => {
    const k = p.k;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 2 || k > 65_536)
      return `approxDistinct needs an integer k in 2..65536, got ${String(k)}`;
    if (t === 'string' || t === 'int64' || t === 'bool') return 'int64';
    return `approxDistinct cannot hash ${t} identically in every engine — cast(x, 'int64') or cast(x, 'string') first`;
  },
  prepare: (c) => c.hash52(c.arg, c.type),
  sql: (c) => {
    const h = c.args[0] as string;
    const k = c.params.k as number;
    const n = c.countDistinct(h);
    // Literals are cast: both engines would read 4503599627370496.0 as a DECIMAL and overflow.
    const scaled = `${c.cast(String(k - 1), 'float64')} * ${c.cast(String(HASH_SPACE), 'float64')}`;
    return `CASE WHEN ${n} <= ${k} THEN ${n} ELSE ${c.cast(`floor(${scaled} / ${c.kthSmallestDistinct(h, k)})`, 'int64')} END`;
  },
  state: ({ params }) => {
    const k = params.k as number;
    return {
      init: (): number[] => [],
      add: (s, [v]) => (isNullish(v) ? s : kmvMerge(s as number[], [hash52(v)], k)),
      merge: (a, b) => kmvMerge(a as number[], b as number[], k),
      read: (s) => kmvEstimate(s as number[], k),
    };
  },
});

/**
 * Approximate distinct count (exact up to `k` distinct values, default 1024). 0 for an empty window.
 *
 * @example commenters: approxDistinct('commenter_id')  // commenters_distinct_28d
 */
export function approxDistinct<const A extends AggInput>(
  arg: A,
  opts: { k?: number } = {},
): AggSpec<'approx_distinct', ColumnsOf<A>, bigint> {
  return aggSpec('approx_distinct', [inputExpr(arg)], { k: opts.k ?? DEFAULT_K });
}
