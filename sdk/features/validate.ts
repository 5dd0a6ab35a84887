import { IssueCollector } from '../errors/index.ts';
import { didYouMean } from '../util/suggest.ts';
import { type AggSpec, aggregateDef, aggregateNames } from './aggregates/define.ts';
import './aggregates/index.ts';
import type { EntityDef } from './entity.ts';
import type { ExprNode, FeatNode } from './expr/node.ts';
import { typeOfExpr, walkExpr } from './expr/typing.ts';
import type { FeatureOutput, FeatureSpec } from './feature-set.ts';
import type { SourceDef } from './source.ts';
import { isNumeric, isScalar, type ValueType } from './value-type.ts';
import { parseWindow, type WindowName } from './window.ts';

export interface FeatureSetBody {
  readonly name: string;
  readonly version: number;
  readonly entity: EntityDef;
  readonly source: SourceDef;
  readonly windows: readonly string[];
  readonly features: readonly { readonly name: string; readonly spec: FeatureSpec }[];
  readonly online: boolean;
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** The output name of an aggregate feature in a window: `<feature>_<suffix>_<window>`. */
export function aggregateOutputName(feature: string, spec: AggSpec, window: string): string {
  const def = aggregateDef(spec.op);
  return `${feature}_${def === undefined ? spec.op : def.suffix(spec.params)}_${window}`;
}

/**
 * Checks a whole feature set and returns its outputs in order; throws one `IssuesError` listing every problem.
 * Aggregates are resolved first so that derived and cohort features may reference any of them.
 */
export function validateFeatureSet(set: FeatureSetBody): FeatureOutput[] {
  const issues = new IssueCollector();
  const where = `feature set '${set.name}'`;
  if (!NAME.test(set.name))
    issues.add('features.bad_name', 'name', `'${set.name}' is not a valid name: use lower_snake_case, e.g. creator_engagement`);
  if (!Number.isInteger(set.version) || set.version < 1)
    issues.add('features.bad_version', 'version', `version must be a positive integer, got ${set.version}`);

  const columns = new Map<string, ValueType>();
  for (const [name, c] of Object.entries(set.source.columns)) if (c.type !== 'other') columns.set(name, c.type);
  for (const key of set.entity.keys) {
    if (set.source.columns[key] === undefined) {
      issues.add(
        'features.entity_key_missing',
        'source',
        `source '${set.source.name}' has no column '${key}' (the key of entity '${set.entity.name}')${didYouMean(key, Object.keys(set.source.columns))}`,
      );
    }
  }

  const windows: WindowName[] = [];
  set.windows.forEach((w, i) => {
    const spec = parseWindow(w);
    if (typeof spec === 'string') issues.add('features.bad_window', `windows[${i}]`, spec);
    else if (windows.includes(spec.name))
      issues.add('features.duplicate_window', `windows[${i}]`, `window '${w}' is listed twice — remove one`);
    else windows.push(spec.name);
  });
  const hasAggregates = set.features.some((f) => f.spec.kind === 'aggregate');
  if (hasAggregates && set.windows.length === 0)
    issues.add('features.no_windows', 'windows', "aggregates need windows, e.g. windows: ['1d', '7d', '28d'] or ['lifetime']");

  const outputs: FeatureOutput[] = [];
  /** feature name → window → output */
  const byFeature = new Map<string, Map<string | null, FeatureOutput>>();
  const record = (o: FeatureOutput) => {
    outputs.push(o);
    const m = byFeature.get(o.feature) ?? new Map<string | null, FeatureOutput>();
    m.set(o.window, o);
    byFeature.set(o.feature, m);
  };
  const featureNames = set.features.map((f) => f.name);

  const checkAgg = (spec: AggSpec, path: string): ValueType | undefined => {
    const def = aggregateDef(spec.op);
    if (def === undefined) {
      issues.add('features.unknown_aggregate', path, `unknown aggregate '${spec.op}'${didYouMean(spec.op, aggregateNames())}`);
      return undefined;
    }
    const inputs = spec.args.map((a, i) => typeOfExpr(a, { where: `source '${set.source.name}'`, columns }, issues, `${path}.args[${i}]`));
    const parts = spec.parts.map((p, i) => checkAgg(p, `${path}.parts[${i}]`));
    if (set.online && def.state === null) {
      issues.add(
        'features.not_incremental',
        path,
        `${spec.op} cannot run online: ${def.noState?.reason ?? 'it has no incremental state'} — use ${def.noState?.alternative ?? 'another aggregate'}, or set online: false for a batch-only set`,
      );
    }
    if (inputs.some((t) => t === undefined) || parts.some((t) => t === undefined)) return undefined;
    const res = def.output(inputs.map(asValue), parts as ValueType[], spec.params);
    if (!isValueType(res)) {
      issues.add('features.aggregate_input', path, res);
      return undefined;
    }
    return res;
  };

  set.features.forEach(({ name, spec }) => {
    const path = `features.${name}`;
    if (!NAME.test(name)) issues.add('features.bad_name', path, `feature name '${name}' must be lower_snake_case`);
    if (spec.kind !== 'aggregate') return;
    const type = checkAgg(spec, path);
    if (type === undefined) return;
    for (const w of windows) record({ name: aggregateOutputName(name, spec, w), feature: name, window: w, type, role: 'aggregate' });
  });

  const resolver =
    (window: string | null, allowCohortInputs: boolean) =>
    (ref: string, refWindow: string | null, col: IssueCollector, path: string): ValueType | undefined => {
      const w = refWindow ?? window;
      const spec = set.features.find((f) => f.name === ref)?.spec;
      if (spec === undefined) {
        col.add('features.unknown_feature', path, `unknown feature '${ref}' in ${where}${didYouMean(ref, featureNames)}`);
        return undefined;
      }
      if (spec.kind === 'cohort' && !allowCohortInputs) {
        col.add(
          'features.cohort_input',
          path,
          `'${ref}' is a cohort feature; derived and cohort features cannot read one — reference its inputs instead`,
        );
        return undefined;
      }
      if (w === null) {
        col.add('features.ref_needs_window', path, `feat('${ref}') needs a window here: feat('${ref}', '${windows[0] ?? '7d'}')`);
        return undefined;
      }
      const m = byFeature.get(ref);
      const o = m?.get(w) ?? m?.get(null);
      if (o === undefined) {
        if (m !== undefined && !windows.includes(w as WindowName)) {
          col.add('features.unknown_window', path, `feature '${ref}' has no window '${w}'; the set's windows are ${windows.join(', ')}`);
        }
        // Otherwise the referenced feature failed its own checks (already reported) or comes later in the set.
        else if (m === undefined && spec.kind === 'derived') {
          col.add('features.forward_reference', path, `derived feature '${ref}' is defined after its use — move it before`);
        }
        return undefined;
      }
      return o.type;
    };

  set.features.forEach(({ name, spec }) => {
    const path = `features.${name}`;
    if (spec.kind === 'derived') {
      const refs = featRefs(spec.expr);
      if (spec.perWindow) {
        const windowed = refs.find((r) => r.window !== null);
        if (windowed !== undefined) {
          issues.add(
            'features.derived_window',
            path,
            `derive() is expanded per window, so feat('${windowed.name}', '${windowed.window}') cannot name one — use deriveAcross() for a single output`,
          );
          return;
        }
        for (const w of windows) {
          const type = typeOfExpr(spec.expr, { where, feature: resolver(w, false) }, issues, `${path}.expr`);
          if (type === undefined) return;
          record({ name: `${name}_${w}`, feature: name, window: w, type: asValue(type), role: 'derived' });
        }
      } else {
        const type = typeOfExpr(spec.expr, { where, feature: resolver(null, false) }, issues, `${path}.expr`);
        if (type !== undefined) record({ name, feature: name, window: null, type: asValue(type), role: 'derived' });
      }
    } else if (spec.kind === 'cohort') {
      if (spec.value.window !== null) {
        issues.add(
          'features.cohort_window',
          `${path}.value`,
          `a cohort feature is expanded per window: write feat('${spec.value.name}') without a window`,
        );
        return;
      }
      for (const w of windows) {
        const vt = resolver(w, false)(spec.value.name, null, issues, `${path}.value`);
        const bys = spec.by.map((b, i) => resolver(w, false)(b.name, b.window, issues, `${path}.by[${i}]`));
        if (vt === undefined || bys.some((b) => b === undefined)) return;
        if (!isNumeric(vt)) {
          issues.add(
            'features.type_mismatch',
            `${path}.value`,
            `cohort ${spec.stat} needs a numeric feature but '${spec.value.name}' is ${vt}`,
          );
          return;
        }
        record({ name: `${name}_${w}`, feature: name, window: w, type: 'float64', role: 'cohort' });
      }
    }
  });

  const reserved = new Set([...set.entity.keys, 'as_of']);
  const seen = new Set<string>();
  for (const o of outputs) {
    if (seen.has(o.name) || reserved.has(o.name)) {
      issues.add(
        'features.duplicate_output',
        `features.${o.feature}`,
        `output '${o.name}' is produced twice (or is a key / as_of) — rename feature '${o.feature}'`,
      );
    }
    seen.add(o.name);
  }
  issues.throwIfAny(`Feature set '${set.name}' is not valid`, 'features.invalid_feature_set');
  // Restore definition order (derived outputs were recorded in a second pass).
  const order = new Map(set.features.map((f, i) => [f.name, i]));
  return outputs.sort((a, b) => (order.get(a.feature) ?? 0) - (order.get(b.feature) ?? 0));
}

const asValue = (t: ValueType | 'null' | undefined): ValueType => (t === undefined || t === 'null' ? 'float64' : t);

function isValueType(x: string): x is ValueType {
  return isScalar(x as ValueType) || /^list<[a-z0-9]+>$/.test(x);
}

/** The feature references of an expression, in order. */
export function featRefs(node: ExprNode): FeatNode[] {
  const out: FeatNode[] = [];
  walkExpr(node, (n) => {
    if (n.kind === 'feat') out.push(n);
  });
  return out;
}
