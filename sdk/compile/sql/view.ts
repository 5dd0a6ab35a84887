import { walkExpr } from '../../features/expr/typing.ts';
import type { ValueType } from '../../features/value-type.ts';
import type { FeatureViewDef } from '../../features/view.ts';
import { ident, type SqlDialect } from './dialect.ts';
import { exprSql } from './expr.ts';

/**
 * The SELECT items of feature views over a relation that already holds every input set's output columns,
 * grouped in layers: a feature reading another of the same layer starts the next one (SQL cannot read a
 * column defined in the same SELECT). Cohort statistics partition by `as_of` so no other time leaks in.
 *
 * @example
 * viewLayers([trustView], duckdb) // [['CASE WHEN … END AS "er_7d"'], ['cume_dist() OVER (…) AS "er_pct_7d"']]
 */
export function viewLayers(views: readonly FeatureViewDef[], d: SqlDialect): string[][] {
  const layers: string[][] = [];
  let current: string[] = [];
  let names = new Set<string>();
  const types = new Map<string, ValueType>();
  for (const view of views) {
    for (const set of view.inputs) for (const o of set.outputs) types.set(o.name, o.type);
    for (const o of view.outputs) types.set(o.name, o.type);
  }
  const typing = { where: 'feature view', feature: (n: string) => types.get(n) };
  const scope = { dialect: d, typing, feature: (n: string) => ident(n) };
  for (const view of views) {
    for (const { name, spec } of view.features) {
      const refs = spec.kind === 'cohort' ? [spec.value, ...spec.by].map((r) => r.name) : featNames(spec.expr);
      if (refs.some((r) => names.has(r))) {
        layers.push(current);
        current = [];
        names = new Set();
      }
      let sql: string;
      if (spec.kind === 'cohort') {
        const v = ident(spec.value.name);
        const part = ['"as_of"', `(${v} IS NULL)`, ...spec.by.map((b) => ident(b.name))].join(', ');
        const stat =
          spec.stat === 'percentile'
            ? `cume_dist() OVER (PARTITION BY ${part} ORDER BY ${v})`
            : `(${v} - avg(${v}) OVER (PARTITION BY ${part})) / NULLIF(stddev_samp(${v}) OVER (PARTITION BY ${part}), 0)`;
        sql = `CASE WHEN ${v} IS NOT NULL THEN ${stat} END`;
      } else {
        sql = exprSql(spec.expr, scope);
      }
      current.push(`${sql} AS ${ident(name)}`);
      names.add(name);
    }
  }
  if (current.length > 0) layers.push(current);
  return layers;
}

function featNames(node: Parameters<typeof walkExpr>[0]): string[] {
  const names: string[] = [];
  walkExpr(node, (n) => {
    if (n.kind === 'feat') names.push(n.name);
  });
  return names;
}
