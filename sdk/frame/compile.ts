import { compileFeatureSet, DIALECTS, type SqlDialect, viewLayers } from '../compile/index.ts';
import { IssueCollector } from '../errors/index.ts';
import type { FeatureSetDef, FeatureViewDef } from '../features/index.ts';
import type { TrainingFrameSpec } from './spec.ts';

export interface CompiledFrame {
  readonly sql: string;
  readonly dialect: SqlDialect['name'];
  /** Output columns in order: spine keys, as_of, carried columns, features, labels. */
  readonly columns: readonly string[];
  /** Feature columns only (the model's inputs), in order. */
  readonly featureColumns: readonly string[];
  /** Content hashes of the feature sets, by name: a model records what it was trained on. */
  readonly featureSetHashes: Readonly<Record<string, string>>;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The feature sets a frame computes: those listed and those the listed views read, each definition once, in order. */
export function featureSetsOf(features: readonly (FeatureSetDef | FeatureViewDef)[]): FeatureSetDef[] {
  const out = new Map<string, FeatureSetDef>();
  for (const f of features) for (const set of f.kind === 'feature_view' ? f.inputs : [f]) if (!out.has(set.hash)) out.set(set.hash, set);
  return [...out.values()];
}

/**
 * One SQL query for the whole frame: the spine, each feature set's point-in-time query (computed once per
 * distinct (key, as_of), then joined back), and matured labels.
 *
 * @example
 * const { sql } = compileTrainingFrame({ spine: { table: 'trust_spine' }, carry: ['is_fraud'], features: [followers, engagement] }, 'duckdb');
 */
export function compileTrainingFrame(spec: TrainingFrameSpec, dialect: 'duckdb' | 'trino' | SqlDialect): CompiledFrame {
  const d = typeof dialect === 'string' ? DIALECTS[dialect] : dialect;
  const issues = new IssueCollector();
  if (spec.features.length === 0) issues.add('frame.no_features', 'features', 'a training frame needs at least one feature set');
  const spineSql =
    'table' in spec.spine
      ? `SELECT * FROM ${spec.spine.table}`
      : 'sql' in spec.spine
        ? spec.spine.sql
        : (() => {
            issues.add('frame.values_spine', 'spine', 'give the spine as a table or a SELECT (literal rows belong to compileFeatureSet)');
            return '';
          })();
  const asOf = spec.spine.asOf ?? 'as_of';

  const sets = featureSetsOf(spec.features);
  for (const [i, set] of sets.entries()) {
    const other = sets.slice(i + 1).find((s) => s.name === set.name);
    if (other !== undefined)
      issues.add(
        'frame.set_name_clash',
        `features.${set.name}`,
        `two different feature sets are named '${set.name}' (hashes ${set.hash.slice(0, 8)}, ${other.hash.slice(0, 8)}): rename one or bump its version`,
      );
  }
  const views = spec.features.filter((f): f is FeatureViewDef => f.kind === 'feature_view');
  const keys = [...new Set(sets.flatMap((s) => s.entity.keys))];
  // A carried column that is already a key or as_of is selected once (Trino refuses a duplicate name).
  const carry = (spec.carry ?? []).filter((c) => !keys.includes(c) && c !== asOf && c !== 'as_of');
  const seen = new Map<string, string>();
  const featureColumns: string[] = [];
  const ctes: string[] = [`__spine AS (\n${spineSql}\n)`];
  const joins: string[] = [];
  const selects: string[] = [...keys.map((k) => `s.${q(k)}`), `s.${q(asOf)} AS "as_of"`, ...carry.map((c) => `s.${q(c)}`)];
  const hashes: Record<string, string> = {};
  sets.forEach((set, i) => {
    hashes[set.name] = set.hash;
    const setKeys = set.entity.keys;
    const distinct = `SELECT DISTINCT ${[...setKeys.map(q), `${q(asOf)} AS "as_of"`].join(', ')} FROM __spine`;
    const table = spec.tables?.[set.source.name];
    const compiled = compileFeatureSet(set, { dialect: d, spine: { sql: distinct }, ...(table ? { table } : {}) });
    ctes.push(`__f${i} AS (\n${compiled.sql}\n)`);
    joins.push(
      `LEFT JOIN __f${i} AS f${i} ON ${[...setKeys.map((k) => `f${i}.${q(k)} = s.${q(k)}`), `f${i}."as_of" = s.${q(asOf)}`].join(' AND ')}`,
    );
    for (const out of compiled.outputs) {
      const name = spec.prefixWithSetName ? `${set.name}__${out.name}` : out.name;
      const previous = seen.get(name);
      if (previous !== undefined) {
        issues.add(
          'frame.duplicate_column',
          `features.${i}`,
          `output '${name}' of '${set.name}' clashes with '${previous}' — set prefixWithSetName: true or rename a feature`,
        );
      }
      seen.set(name, set.name);
      featureColumns.push(name);
      selects.push(`f${i}.${q(out.name)} AS ${q(name)}`);
    }
  });
  let labelJoin = '';
  const labelColumns = spec.labels?.columns ?? [];
  if (spec.labels) {
    const l = spec.labels;
    const from = /^\s*select\b/i.test(l.from) ? `(${l.from})` : l.from;
    const on = Object.entries(l.on).map(([spineCol, labelCol]) => `lab.${q(labelCol)} = s.${q(spineCol)}`);
    // The maturity rule: a label exists for training only once it has matured by the time of use.
    on.push(`lab.${q(l.maturedAt)} <= ${d.timestampLiteral(l.usedAt.getTime())}`);
    labelJoin = `LEFT JOIN ${from} AS lab ON ${on.join(' AND ')}`;
    for (const c of l.columns) selects.push(`lab.${q(c)} AS ${q(c)}`);
  }
  for (const view of views) {
    hashes[view.name] = view.hash;
    for (const out of view.outputs) {
      const previous = seen.get(out.name);
      if (previous !== undefined)
        issues.add('frame.duplicate_column', `features.${view.name}`, `output '${out.name}' of '${view.name}' clashes with '${previous}'`);
      seen.set(out.name, view.name);
      featureColumns.push(out.name);
    }
  }
  issues.throwIfAny('cannot compile the training frame', 'frame.invalid');
  const columns = [...keys, 'as_of', ...carry, ...featureColumns, ...labelColumns];
  const base = [`SELECT ${selects.join(', ')}`, 'FROM __spine AS s', ...joins, labelJoin].filter((line) => line !== '').join('\n');
  const layers = viewLayers(views, d);
  const sql =
    layers.length === 0
      ? [`WITH ${ctes.join(',\n')}`, base, `ORDER BY ${[...keys.map((k) => `s.${q(k)}`), `s.${q(asOf)}`].join(', ')}`].join('\n')
      : [
          `WITH ${[...ctes, `__v0 AS (\n${base}\n)`, ...layers.map((l, i) => `__v${i + 1} AS (\nSELECT *, ${l.join(',\n  ')}\nFROM __v${i}\n)`)].join(',\n')}`,
          `SELECT ${columns.map(q).join(', ')}`,
          `FROM __v${layers.length}`,
          `ORDER BY ${[...keys, 'as_of'].map(q).join(', ')}`,
        ].join('\n');
  return { sql, dialect: d.name, columns, featureColumns, featureSetHashes: hashes };
}
