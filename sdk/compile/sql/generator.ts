import type { AggSpec, AggSqlContext, PrepareContext } from '../../features/aggregates/define.ts';
import { aggregateDef } from '../../features/aggregates/define.ts';
import { canonicalJson } from '../../features/canonical.ts';
import '../../features/aggregates/index.ts';
import type { ExprNode } from '../../features/expr/node.ts';
import type { TypingScope } from '../../features/expr/typing.ts';
import type { FeatureOutput, FeatureSetDef } from '../../features/feature-set.ts';
import { aggregateOutputName } from '../../features/validate.ts';
import type { ValueType } from '../../features/value-type.ts';
import { parseWindow, type WindowSpec } from '../../features/window.ts';
import { ident, type SqlDialect } from './dialect.ts';
import { duckdb } from './duckdb.ts';
import { exprSql, textOf, typeOf } from './expr.ts';
import { type SpineSpec, spineSql } from './spine.ts';
import { trino } from './trino.ts';

export interface CompileOptions {
  readonly dialect: 'duckdb' | 'trino' | SqlDialect;
  readonly spine: SpineSpec;
  /** Read events from this relation instead of the source's lake table (a test table, a snapshot, a view). */
  readonly table?: string;
}

export interface CompiledQuery {
  readonly sql: string;
  readonly dialect: SqlDialect['name'];
  /** Output columns in order: entity keys, `as_of`, then the set's outputs. */
  readonly columns: readonly string[];
  readonly outputs: readonly FeatureOutput[];
  /** The content hash of the feature set compiled. */
  readonly setHash: string;
}

export const DIALECTS = { duckdb, trino } as const;

/**
 * Compiles a feature set to ONE point-in-time query: for each spine row (key, as_of), each value uses only
 * events with `event_time ≤ as_of` — and for bitemporal sources only observations with
 * `observed_time ≤ as_of`, taking for each event the latest observation known at as_of. No future leaks.
 *
 * ## Why this query shape
 * Observations are revised after the fact, so "which version of each event is visible" depends on the spine
 * row's as_of: a precomputed daily tile would bake in the versions known when the tile was built. Instead
 * each version gets its validity interval once (`lead(observed) OVER (PARTITION BY event)`: version v is
 * the latest known for as_of in [observed_v, observed_next)), and the spine is range-joined to versions on
 * key + `event_time ∈ (lowest window bound, as_of]` + validity ∋ as_of. That join is an equi-join on the key
 * with a residual range predicate, which DuckDB runs as a hash join; no per-spine-row sort or window
 * function is needed to pick versions. Every (feature, window) is then one `agg(x) FILTER (WHERE
 * event_time > lower_bound_w)` in a single GROUP BY, so the join is done once for all windows, and inputs
 * (expressions, hashes) are computed once per event before the join rather than once per joined row.
 * Cost grows with spine rows × events in the longest window per key; `lifetime` windows join all history.
 *
 * Measured (DuckDB, 1 thread; 2.5k creators × 365 daily observations = 912k rows, 30k spine rows, sum /
 * count / last over 7d and 28d): 1.0 s, against 0.16 s for a hand-written range join that ignores
 * revisions. The version-validity window accounts for ~0.35 s of the gap and is paid by any as-known-at
 * query; the (event time, value) tie-break of first/last another ~0.2 s. Next steps when the benchmark asks:
 * skip versioning for sources declared append-only, and for invertible aggregates replace the range join by
 * cumulative sums of ±deltas at each version's validity bounds, ASOF-joined to the spine (O(n log n)).
 *
 * @example
 * const { sql } = compileFeatureSet(creatorEngagement, { dialect: 'duckdb', spine: { table: 'labels' } });
 */
export function compileFeatureSet(set: FeatureSetDef, opts: CompileOptions): CompiledQuery {
  const d = typeof opts.dialect === 'string' ? DIALECTS[opts.dialect] : opts.dialect;
  const src = set.source;
  const keys = set.entity.keys.map(ident);
  const typing: TypingScope = {
    where: `source '${src.name}'`,
    columns: new Map(Object.entries(src.columns).flatMap(([n, c]) => (c.type === 'other' ? [] : [[n, c.type as ValueType]]))),
  };
  const windows = new Map(set.windows.map((w) => [w, parseWindow(w) as WindowSpec]));
  const bitemporal = src.observedTime !== null;
  const versioned = src.eventKey.length > 0;
  const cohorts = set.features.some((f) => f.spec.kind === 'cohort');
  const tz = (c: string) => src.columns[c]?.tz === true;

  // Inputs computed once per event, deduplicated by their canonical form.
  const inputs = new Map<string, { name: string; sql: string }>();
  const inputColumn = (node: ExprNode, type: ValueType, prepare: AggregateDefPrepare): string => {
    const base = exprSql(node, { dialect: d, typing, column: ident });
    const sql = prepare === undefined ? base : prepare({ arg: base, type, hash52: (a, t) => d.md5Bits52(textOf(a, t, d)) });
    const key = `${prepare === undefined ? '' : 'prepared:'}${canonicalJson(node)}`;
    const found = inputs.get(key);
    if (found !== undefined) return found.name;
    const name = `__in_${inputs.size}`;
    inputs.set(key, { name, sql });
    return name;
  };

  const compileAgg = (spec: AggSpec, w: WindowSpec): string => {
    const def = aggregateDef(spec.op);
    if (def === undefined) throw new Error(`unknown aggregate '${spec.op}' (validation should have caught it)`);
    const inputTypes = spec.args.map((a) => asValue(typeOf(a, { dialect: d, typing })));
    const args = spec.args.map((a, i) => inputColumn(a, inputTypes[i] as ValueType, def.prepare));
    const parts = spec.parts.map((p) => compileAgg(p, w));
    const inWindow = w.ms === null ? '__et IS NOT NULL' : `__et > ${lowerBoundColumn(w)}`;
    const filter = (where?: string) => ` FILTER (WHERE ${inWindow}${where === undefined ? '' : ` AND ${where}`})`;
    const ctx: AggSqlContext = {
      args,
      parts,
      inputTypes,
      params: spec.params,
      eventMs: '__et',
      agg: (fn, a, where) => `${fn}(${a.join(', ')})${filter(where)}`,
      countDistinct: (a, where) => `count(DISTINCT ${a})${filter(where)}`,
      argMax: (v, k, where) => d.argMax(v, k, filter(where)),
      argMin: (v, k, where) => d.argMin(v, k, filter(where)),
      topK: (v, k, n, where) => d.topK(v, k, n, filter(where)),
      kthSmallestDistinct: (a, k, where) => d.kthSmallestDistinct(a, k, filter(where)),
      cast: (x, to) => `CAST(${x} AS ${d.type(to)})`,
    };
    return def.sql(ctx);
  };

  const aggregates: string[] = [];
  for (const { name, spec } of set.features) {
    if (spec.kind !== 'aggregate') continue;
    for (const w of windows.values()) aggregates.push(`${compileAgg(spec, w)} AS ${ident(aggregateOutputName(name, spec, w.name))}`);
  }

  // Derived features: references resolve to output columns; a derived feature read by another is inlined.
  const outputByFeature = (feature: string, window: string | null) =>
    set.outputs.find((o) => o.feature === feature && o.window === window) ??
    set.outputs.find((o) => o.feature === feature && o.window === null);
  const derivedSql = (name: string, window: string | null): string => {
    const spec = set.features.find((f) => f.name === name)?.spec;
    if (spec?.kind !== 'derived') {
      const o = outputByFeature(name, window);
      if (o === undefined) throw new Error(`feature '${name}' has no output in window ${window}`);
      return ident(o.name);
    }
    return exprSql(spec.expr, { dialect: d, typing, feature: (n, w) => derivedSql(n, w ?? window) });
  };
  const derived = set.outputs.filter((o) => o.role === 'derived').map((o) => `${derivedSql(o.feature, o.window)} AS ${ident(o.name)}`);

  const cohortCols = set.outputs
    .filter((o) => o.role === 'cohort')
    .map((o) => {
      const spec = set.features.find((f) => f.name === o.feature)?.spec;
      if (spec?.kind !== 'cohort') throw new Error(`cohort output '${o.name}' without a cohort spec`);
      const v = ident((outputByFeature(spec.value.name, o.window) as FeatureOutput).name);
      const by = spec.by.map((b) => ident((outputByFeature(b.name, b.window ?? o.window) as FeatureOutput).name));
      // Members only: an entity with no visible event at as_of is in no cohort (its value is null here).
      const part = ['__asof', '__member', `(${v} IS NULL)`, ...by].join(', ');
      const stat =
        spec.stat === 'percentile'
          ? `cume_dist() OVER (PARTITION BY ${part} ORDER BY ${v})`
          : `(${v} - avg(${v}) OVER (PARTITION BY ${part})) / NULLIF(stddev_samp(${v}) OVER (PARTITION BY ${part}), 0)`;
      return `CASE WHEN __member = 1 AND ${v} IS NOT NULL THEN ${stat} END AS ${ident(o.name)}`;
    });

  const et = d.epochMs(ident(src.eventTime), tz(src.eventTime));
  const ot = bitemporal ? d.epochMs(ident(src.observedTime as string), tz(src.observedTime as string)) : '__et';
  const eventKeys = src.eventKey.map((k, i) => `${ident(k)} AS __ek_${i}`);
  const finite = [...windows.values()].filter((w) => w.ms !== null);
  const longest = finite.length === windows.size ? finite.reduce((a, b) => ((a.ms as number) >= (b.ms as number) ? a : b)) : undefined;
  const lowerBounds = finite.map((w) => {
    const shifted = `(__asof - ${w.ms})`;
    return `${shifted} - (((${shifted} % ${w.tileMs}) + ${w.tileMs}) % ${w.tileMs}) AS ${lowerBoundColumn(w)}`;
  });
  const asOfMs = d.epochMs('"as_of"', false);
  const member = cohorts ? ['__member'] : [];

  const ctes: [string, string][] = [];
  ctes.push(['spine_input', spineSql(opts.spine, set.entity, d)]);
  ctes.push([
    'events',
    [
      `SELECT ${[...keys, ...eventKeys, `${et} AS __et`, ...(bitemporal ? [`${ot} AS __ot`] : []), ...[...inputs.values()].map((i) => `${i.sql} AS ${i.name}`)].join(', ')}`,
      `FROM ${opts.table ?? src.table}`,
      `WHERE ${[src.eventTime, ...(bitemporal ? [src.observedTime as string] : [])].map((c) => `${ident(c)} IS NOT NULL`).join(' AND ')}`,
    ].join('\n    '),
  ]);
  if (versioned) {
    const ek = src.eventKey.map((_, i) => `__ek_${i}`);
    const order = bitemporal ? '__ot' : '__et';
    ctes.push([
      'versions',
      // A version is the latest known from its observation until the next one; rows without an event key are
      // events of their own and never superseded. "Forever" is a number, not NULL: an OR in the join condition
      // would turn DuckDB's hash join into a nested-loop join (700× slower at 1M events).
      `SELECT *, CASE WHEN ${ek.map((k) => `${k} IS NULL`).join(' OR ')} THEN ${FOREVER} ELSE COALESCE(lead(${order}) OVER (PARTITION BY ${ek.join(', ')} ORDER BY ${order}), ${FOREVER}) END AS __valid_to\n    FROM events`,
    ]);
  }
  if (cohorts) {
    const seen = bitemporal ? 'greatest(__et, __ot)' : '__et';
    ctes.push([
      'population',
      [
        `SELECT ${keys.map((k) => `e.${k}`).join(', ')}, t."as_of" FROM (SELECT DISTINCT "as_of" FROM spine_input) AS t`,
        `JOIN (SELECT ${keys.join(', ')}, min(${seen}) AS __seen FROM events WHERE ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')} GROUP BY ${keys.join(', ')}) AS e`,
        `ON e.__seen <= ${d.epochMs('t."as_of"', false)}`,
      ].join('\n    '),
    ]);
    ctes.push([
      'full_spine',
      [
        `SELECT ${keys.join(', ')}, "as_of", max(__member) AS __member FROM (`,
        `  SELECT ${keys.join(', ')}, "as_of", 0 AS __member FROM spine_input`,
        `  UNION ALL SELECT ${keys.join(', ')}, "as_of", 1 AS __member FROM population`,
        `) AS u GROUP BY ${keys.join(', ')}, "as_of"`,
      ].join('\n    '),
    ]);
  }
  ctes.push([
    'spine',
    `SELECT ${[...keys, '__asof', ...member, ...lowerBounds].join(', ')}\n    FROM (SELECT DISTINCT ${[...keys, `${asOfMs} AS __asof`, ...member].join(', ')} FROM ${cohorts ? 'full_spine' : 'spine_input'}) AS s`,
  ]);
  const on = [
    ...keys.map((k) => `v.${k} = s.${k}`),
    'v.__et <= s.__asof',
    ...(bitemporal ? ['v.__ot <= s.__asof'] : []),
    ...(versioned ? ['v.__valid_to > s.__asof'] : []),
    ...(longest !== undefined ? [`v.__et > s.${lowerBoundColumn(longest)}`] : []),
  ];
  ctes.push([
    'joined',
    [
      `SELECT ${[...keys.map((k) => `s.${k}`), 's.__asof', ...member.map((m) => `s.${m}`), ...finite.map((w) => `s.${lowerBoundColumn(w)}`), 'v.__et', ...[...inputs.values()].map((i) => `v.${i.name}`)].join(', ')}`,
      `FROM spine AS s LEFT JOIN ${versioned ? 'versions' : 'events'} AS v`,
      `ON ${on.join('\n      AND ')}`,
    ].join('\n    '),
  ]);
  const groupKeys = [...keys, '__asof', ...member];
  ctes.push([
    'aggregated',
    `SELECT ${[...groupKeys, ...aggregates].join(',\n      ')}\n    FROM joined\n    GROUP BY ${groupKeys.join(', ')}`,
  ]);
  let last = 'aggregated';
  if (derived.length > 0) {
    ctes.push(['with_derived', `SELECT *,\n      ${derived.join(',\n      ')}\n    FROM aggregated`]);
    last = 'with_derived';
  }
  if (cohortCols.length > 0) {
    ctes.push(['cohorts', `SELECT *,\n      ${cohortCols.join(',\n      ')}\n    FROM ${last}`]);
    last = 'cohorts';
  }

  const columns = [...set.entity.keys, 'as_of', ...set.outputs.map((o) => o.name)];
  const select = [...keys.map((k) => `sp.${k}`), 'sp."as_of"', ...set.outputs.map((o) => `f.${ident(o.name)}`)].join(', ');
  const sql = [
    `-- feature set ${set.name} v${set.version} (${set.hash.slice(0, 12)}), dialect ${d.name}`,
    `WITH ${ctes.map(([name, body]) => `${name} AS (\n    ${body}\n)`).join(',\n')}`,
    `SELECT ${select}`,
    `FROM spine_input AS sp`,
    `LEFT JOIN ${last} AS f ON ${[...keys.map((k) => `f.${k} = sp.${k}`), `f.__asof = ${d.epochMs('sp."as_of"', false)}`].join(' AND ')}`,
    `ORDER BY ${[...keys.map((k) => `sp.${k}`), 'sp."as_of"'].join(', ')}`,
  ].join('\n');
  return Object.freeze({ sql, dialect: d.name, columns: Object.freeze(columns), outputs: set.outputs, setHash: set.hash });
}

type AggregateDefPrepare = ((ctx: PrepareContext) => string) | undefined;

const lowerBoundColumn = (w: WindowSpec) => `__lo_${w.name}`;
/** The largest BIGINT: the end of validity of a version nothing has superseded. */
const FOREVER = '9223372036854775807';
const asValue = (t: ValueType | 'null'): ValueType => (t === 'null' ? 'float64' : t);
