import { compileEvaluator, type Evaluator } from '../../sdk/features/expr/evaluate.ts';
import type { TypingScope } from '../../sdk/features/expr/typing.ts';
import {
  type AggSpec,
  compareValues,
  DAY_MS,
  type FeatureSetDef,
  hash52,
  inWindow,
  kmvEstimate,
  parseWindow,
  type ValueType,
  type WindowSpec,
} from './reference-deps.ts';

/**
 * The brute-force reference: plain loops over raw events, written from the definitions of the rules (not
 * from the SQL and not from the aggregates' state functions), to check the compiled SQL against.
 */
type Row = Record<string, unknown>;
export interface Event {
  readonly t: number;
  readonly row: Row;
}

const ms = (v: unknown): number | null => (v instanceof Date ? v.getTime() : null);

export function typingOf(set: FeatureSetDef): TypingScope {
  return {
    where: 'source',
    columns: new Map(Object.entries(set.source.columns).map(([n, c]) => [n, c.type as ValueType])),
  };
}

/** The events visible at `asOf` for one entity: each event's latest observation known at asOf. */
export function visibleEvents(set: FeatureSetDef, rows: readonly Row[], key: Row, asOf: number): Event[] {
  const src = set.source;
  const et = (r: Row) => ms(r[src.eventTime]);
  const ot = (r: Row) => (src.observedTime === null ? et(r) : ms(r[src.observedTime]));
  const valid = rows.filter((r) => et(r) !== null && ot(r) !== null);
  const sameKey = (r: Row) => set.entity.keys.every((k) => r[k] !== null && r[k] === key[k]);
  const seen = (r: Row) => (et(r) as number) <= asOf && (ot(r) as number) <= asOf;
  let chosen: Row[];
  if (src.eventKey.length === 0) chosen = valid.filter(seen);
  else {
    const latest = new Map<string, Row>();
    chosen = [];
    for (const r of valid) {
      const ids = src.eventKey.map((k) => r[k]);
      if (ids.some((x) => x === null)) {
        if (seen(r)) chosen.push(r);
        continue;
      }
      if ((ot(r) as number) > asOf) continue;
      const id = JSON.stringify(ids);
      const cur = latest.get(id);
      if (cur === undefined || (ot(r) as number) >= (ot(cur) as number)) latest.set(id, r);
    }
    for (const r of latest.values()) if ((et(r) as number) <= asOf) chosen.push(r);
  }
  return chosen.filter(sameKey).map((row) => ({ t: et(row) as number, row }));
}

/** One aggregate over the events of a window, by definition. */
export function referenceAggregate(spec: AggSpec, events: readonly Event[], asOf: number, typing: TypingScope): unknown {
  if (spec.op === 'ratio') {
    const [a, b] = spec.parts.map((p) => referenceAggregate(p, events, asOf, typing));
    return a === null || b === null || a === undefined || b === undefined || Number(b) === 0 ? null : Number(a) / Number(b);
  }
  const evals: Evaluator[] = spec.args.map((a) => compileEvaluator(a, typing));
  if (spec.op === 'count' && evals.length === 0) return BigInt(events.length);
  const f = evals[0] as Evaluator;
  const xs = events.map((e) => ({ t: e.t, v: f(e.row) })).filter((x) => x.v !== null && x.v !== undefined);
  const nums = xs.map((x) => Number(x.v));
  const n = xs.length;
  const meanOf = () => nums.reduce((a, b) => a + b, 0) / n;
  const m2 = () => {
    const m = meanOf();
    return nums.reduce((a, b) => a + (b - m) * (b - m), 0);
  };
  const byTime = [...xs].sort((a, b) => (a.t !== b.t ? a.t - b.t : compareValues(a.v, b.v)));
  switch (spec.op) {
    case 'count':
      return BigInt(n);
    case 'sum':
      if (n === 0) return null;
      return typeof xs[0]?.v === 'bigint' ? xs.reduce((a, x) => a + (x.v as bigint), 0n) : nums.reduce((a, b) => a + b, 0);
    case 'mean':
      return n === 0 ? null : meanOf();
    case 'min':
      return n === 0 ? null : xs.map((x) => x.v).reduce((a, b) => (compareValues(b, a) < 0 ? b : a));
    case 'max':
      return n === 0 ? null : xs.map((x) => x.v).reduce((a, b) => (compareValues(b, a) > 0 ? b : a));
    case 'var_samp':
      return n < 2 ? null : m2() / (n - 1);
    case 'var_pop':
      return n === 0 ? null : m2() / n;
    case 'stddev_samp':
      return n < 2 ? null : Math.sqrt(m2() / (n - 1));
    case 'stddev_pop':
      return n === 0 ? null : Math.sqrt(m2() / n);
    case 'first':
      return n === 0 ? null : byTime[0]?.v;
    case 'last':
      return n === 0 ? null : byTime[n - 1]?.v;
    case 'last_k':
      return n === 0
        ? null
        : [...byTime]
            .reverse()
            .slice(0, spec.params.k as number)
            .map((x) => x.v);
    case 'approx_distinct': {
      const hashes = [...new Set(xs.map((x) => hash52(x.v)))].sort((a, b) => a - b);
      return kmvEstimate(hashes.slice(0, (spec.params.k as number) + 1), spec.params.k as number);
    }
    case 'count_distinct':
      return BigInt(new Set(xs.map((x) => String(x.v))).size);
    case 'slope': {
      if (n < 2) return null;
      // Exact integer milliseconds from the earliest event, so that equal times give exactly zero spread.
      const t0 = Math.min(...xs.map((x) => x.t));
      const ds = xs.map((x) => x.t - t0);
      const md = ds.reduce((a, b) => a + b, 0) / n;
      const mv = meanOf();
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += ((ds[i] as number) - md) * ((nums[i] as number) - mv);
        sxx += ((ds[i] as number) - md) ** 2;
      }
      return ds.every((d) => d === 0) ? null : (sxy / sxx) * DAY_MS;
    }
    case 'zscore': {
      if (n < 2) return null;
      const sd = Math.sqrt(m2() / (n - 1));
      return sd === 0 ? null : (Number(byTime[n - 1]?.v) - meanOf()) / sd;
    }
    default:
      throw new Error(`no reference for aggregate '${spec.op}'`);
  }
}

/** Every non-cohort output of one (key, asOf). */
function referenceRow(set: FeatureSetDef, rows: readonly Row[], key: Row, asOf: number): Row {
  const typing = typingOf(set);
  const events = visibleEvents(set, rows, key, asOf);
  const out: Row = {};
  const windows = new Map(set.windows.map((w) => [w, parseWindow(w) as WindowSpec]));
  for (const o of set.outputs) {
    const spec = set.features.find((f) => f.name === o.feature)?.spec;
    if (spec?.kind !== 'aggregate') continue;
    const w = windows.get(o.window as WindowSpec['name']) as WindowSpec;
    out[o.name] = referenceAggregate(
      spec,
      events.filter((e) => inWindow(e.t, asOf, w)),
      asOf,
      typing,
    );
  }
  const derivedValue = (feature: string, window: string | null): unknown => {
    const spec = set.features.find((f) => f.name === feature)?.spec;
    if (spec?.kind === 'derived') {
      return compileEvaluator(spec.expr, typing, (n, w) => () => derivedValue(n, w ?? window))({});
    }
    const o = set.outputs.find((x) => x.feature === feature && x.window === window) ?? set.outputs.find((x) => x.feature === feature);
    return out[o?.name as string] ?? null;
  };
  for (const o of set.outputs) if (o.role === 'derived') out[o.name] = derivedValue(o.feature, o.window);
  return out;
}

/** The reference frame for a spine: keys, as_of, outputs; cohort features over the whole population. */
export function referenceFrame(set: FeatureSetDef, rows: readonly Row[], spine: readonly Row[]): Row[] {
  const keys = set.entity.keys;
  const keyOf = (r: Row) => JSON.stringify(keys.map((k) => r[k]));
  const cache = new Map<string, Row>();
  const compute = (key: Row, asOf: number) => {
    const id = `${keyOf(key)}@${asOf}`;
    let v = cache.get(id);
    if (v === undefined) {
      v = referenceRow(set, rows, key, asOf);
      cache.set(id, v);
    }
    return v;
  };
  const cohortOutputs = set.outputs.filter((o) => o.role === 'cohort');
  // Population: entities with any row visible (event and observation time ≤ asOf) at each spine time.
  const src = set.source;
  const firstSeen = new Map<string, { key: Row; t: number }>();
  for (const r of rows) {
    const e = ms(r[src.eventTime]);
    const o = src.observedTime === null ? e : ms(r[src.observedTime]);
    if (e === null || o === null || keys.some((k) => r[k] === null)) continue;
    const id = keyOf(r);
    const t = Math.max(e, o);
    const cur = firstSeen.get(id);
    if (cur === undefined || t < cur.t) firstSeen.set(id, { key: Object.fromEntries(keys.map((k) => [k, r[k]])), t });
  }
  const members = (asOf: number) => [...firstSeen.values()].filter((m) => m.t <= asOf).map((m) => m.key);

  return spine
    .map((s) => {
      const asOf = (s.as_of as Date).getTime();
      const row: Row = { ...Object.fromEntries(keys.map((k) => [k, s[k]])), as_of: s.as_of, ...compute(s, asOf) };
      for (const o of cohortOutputs) {
        const spec = set.features.find((f) => f.name === o.feature)?.spec;
        if (spec?.kind !== 'cohort') continue;
        const outName = (feature: string, window: string | null) =>
          (set.outputs.find((x) => x.feature === feature && x.window === window) ?? set.outputs.find((x) => x.feature === feature))
            ?.name as string;
        const vName = outName(spec.value.name, o.window);
        const byNames = spec.by.map((b) => outName(b.name, b.window ?? o.window));
        const isMember = members(asOf).some((m) => keyOf(m) === keyOf(s));
        const mine = row[vName];
        if (!isMember || mine === null || mine === undefined) {
          row[o.name] = null;
          continue;
        }
        const group = JSON.stringify(byNames.map((b) => String(row[b] ?? '∅')));
        const peers = members(asOf)
          .map((m) => compute(m, asOf))
          .filter((p) => p[vName] !== null && p[vName] !== undefined && JSON.stringify(byNames.map((b) => String(p[b] ?? '∅'))) === group)
          .map((p) => Number(p[vName]));
        const v = Number(mine);
        if (spec.stat === 'percentile') row[o.name] = peers.filter((p) => p <= v).length / peers.length;
        else {
          const n = peers.length;
          const mean = peers.reduce((a, b) => a + b, 0) / n;
          const sd = n < 2 ? 0 : Math.sqrt(peers.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
          row[o.name] = n < 2 || sd === 0 ? null : (v - mean) / sd;
        }
      }
      return row;
    })
    .sort((a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      return ka < kb ? -1 : ka > kb ? 1 : (a.as_of as Date).getTime() - (b.as_of as Date).getTime();
    });
}
