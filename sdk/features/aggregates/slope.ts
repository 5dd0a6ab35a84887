import { type AggSpec, aggSpec, defineAggregate } from './define.ts';
import { type AggInput, type ColumnsOf, inputExpr, isNullish } from './values.ts';
import { numericInput } from './welford.ts';

const DAY_MS = 86_400_000;

/**
 * Co-moments of (t, v): mergeable like Welford's. Like variance (see welford.ts), the state offers no
 * `remove`: subtraction drifts where the true spread is zero, turning a null slope into a number.
 */
interface CoMoments {
  n: number;
  mt: number;
  mv: number;
  ctv: number;
  m2t: number;
}

function add(s: CoMoments, t: number, v: number): CoMoments {
  s.n += 1;
  const dt = t - s.mt;
  s.mt += dt / s.n;
  s.mv += (v - s.mv) / s.n;
  s.ctv += dt * (v - s.mv);
  s.m2t += dt * (t - s.mt);
  return s;
}

/** The reverse step, for callers that accept drift (see above). */
export function removeCoMoment(s: CoMoments, t: number, v: number): CoMoments {
  if (s.n <= 1) return { n: 0, mt: 0, mv: 0, ctv: 0, m2t: 0 };
  const n = s.n - 1;
  // The reverse Welford step; (mean·n − x)/(n − 1) would cancel catastrophically on epoch-sized times.
  const mt = s.mt - (t - s.mt) / n;
  const mv = s.mv - (v - s.mv) / n;
  s.ctv -= (t - mt) * (v - s.mv);
  s.m2t -= (t - mt) * (t - s.mt);
  if (s.m2t < 0) s.m2t = 0;
  s.n = n;
  s.mt = mt;
  s.mv = mv;
  return s;
}

function merge(a: CoMoments, b: CoMoments): CoMoments {
  if (b.n === 0) return a;
  if (a.n === 0) return { ...b };
  const n = a.n + b.n;
  const dt = b.mt - a.mt;
  const dv = b.mv - a.mv;
  a.ctv += b.ctv + (dt * dv * a.n * b.n) / n;
  a.m2t += b.m2t + (dt * dt * a.n * b.n) / n;
  a.mt += (dt * b.n) / n;
  a.mv += (dv * b.n) / n;
  a.n = n;
  return a;
}

defineAggregate({
  name: 'slope',
  suffix: () => 'slope',
  doc: 'Least-squares slope of the value on event time, per day; null under 2 values or when all times are equal.',
  output: ([t]) => numericInput(t, 'slope') ?? 'float64',
  // Time is measured from as_of so that no digits are lost on epoch-sized x. covar_pop / var_pop rather than
  // regr_slope: DuckDB's regr_slope gives NaN when every x is equal, where the definition (and Trino) say null.
  sql: (c) => {
    const v = c.args[0] as string;
    const x = `(${c.cast(`${c.eventMs} - __asof`, 'float64')} / ${DAY_MS})`;
    return `${c.agg('covar_pop', [v, x])} / NULLIF(${c.agg('var_pop', [x], `${v} IS NOT NULL`)}, 0)`;
  },
  state: () => ({
    init: (): CoMoments => ({ n: 0, mt: 0, mv: 0, ctv: 0, m2t: 0 }),
    add: (s, [v], t) => (isNullish(v) ? s : add(s as CoMoments, t / DAY_MS, Number(v))),
    merge: (a, b) => merge(a as CoMoments, b as CoMoments),
    read: (s) => {
      const m = s as CoMoments;
      return m.n < 2 || m.m2t === 0 ? null : m.ctv / m.m2t;
    },
  }),
});

/**
 * Trend: least-squares slope of `arg` against event time, in units per day.
 *
 * @example follower_trend: slope('followers')  // follower_trend_slope_28d
 */
export function slope<const A extends AggInput>(arg: A): AggSpec<'slope', ColumnsOf<A>, number | null> {
  return aggSpec('slope', [inputExpr(arg)]);
}
