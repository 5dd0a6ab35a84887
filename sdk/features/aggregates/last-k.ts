import type { ScalarKind } from '../value-type.ts';
import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { orderable } from './extremum.ts';
import type { Keyed } from './keyed.ts';
import { type AggInput, type ColumnsOf, compareKeyed, inputExpr, isNullish, type ListOfInput } from './values.ts';

const MAX_K = 1000;

defineAggregate({
  name: 'last_k',
  suffix: (p) => `last${p.k}`,
  doc: 'The k latest non-null values, newest first (ties on event time: larger value first); null when none.',
  output: ([t], _parts, p) => {
    const k = p.k;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_K)
      return `lastK needs an integer k in 1..${MAX_K}, got ${String(k)}`;
    return orderable(t, 'lastK') ?? `list<${t as ScalarKind}>`;
  },
  sql: (c) => c.topK(c.args[0] as string, [c.eventMs, c.args[0] as string], c.params.k as number, `${c.args[0]} IS NOT NULL`),
  state: ({ params }) => {
    const k = params.k as number;
    const newestFirst = (a: Keyed, b: Keyed) => compareKeyed(b.t, b.v, a.t, a.v);
    const keep = (xs: Keyed[]) => xs.sort(newestFirst).slice(0, k);
    return {
      init: (): Keyed[] => [],
      add: (s, [v], t) => (isNullish(v) ? s : keep([...(s as Keyed[]), { t, v }])),
      merge: (a, b) => keep([...(a as Keyed[]), ...(b as Keyed[])]),
      read: (s) => ((s as Keyed[]).length === 0 ? null : (s as Keyed[]).map((x) => x.v)),
    };
  },
});

/**
 * The `k` latest non-null values, newest first.
 *
 * @example recent_likes: lastK('likes', 5)  // recent_likes_last5_7d: bigint[] | null
 */
export function lastK<const A extends AggInput>(arg: A, k: number): AggSpec<'last_k', ColumnsOf<A>, ListOfInput | null> {
  return aggSpec('last_k', [inputExpr(arg)], { k });
}
