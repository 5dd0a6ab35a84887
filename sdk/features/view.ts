import { IssueCollector } from '../errors/index.ts';
import { didYouMean } from '../util/suggest.ts';
import { contentHash } from './canonical.ts';
import type { CohortSpec } from './cohort.ts';
import type { DerivedSpec } from './derived.ts';
import type { ExprNode } from './expr/node.ts';
import { typeOfExpr } from './expr/typing.ts';
import type { FeatureOutput, FeatureSetDef } from './feature-set.ts';
import { isScalar, type ValueType } from './value-type.ts';

/** A view feature: an expression over the outputs of several sets, or a cohort statistic of one. */
export type ViewFeatureSpec = DerivedSpec<unknown> | CohortSpec;

/**
 * Features across feature sets, computed row by row on the joined frame (engagement rate = engagement of
 * one source over followers of another; niche match = creator niche vs brand category). `feat('x')` names
 * an output column of an input set (`likes_sum_7d`) or an earlier view feature.
 *
 * Cohort statistics in a view are taken over the frame's rows that share `as_of` (and the `by` values):
 * exact when the spine holds every entity at each as_of, as the trust spine does (every creator, every
 * week). A cohort over the entity's whole population regardless of the spine belongs in a feature set.
 */
export interface FeatureViewDef {
  readonly kind: 'feature_view';
  readonly name: string;
  readonly version: number;
  readonly description: string;
  readonly inputs: readonly FeatureSetDef[];
  readonly features: readonly { readonly name: string; readonly spec: ViewFeatureSpec }[];
  readonly outputs: readonly FeatureOutput[];
  readonly hash: string;
}

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Defines a view over feature sets; every problem (unknown feature with a suggestion, a type error, a name
 * clash) is collected and thrown once.
 *
 * @example
 * export const trustView = defineFeatureView({
 *   name: 'creator_trust_view', version: 1, inputs: [followers, engagement, profile],
 *   features: { er_7d: derive(safeDiv(feat('interactions_sum_7d'), feat('followers_last_28d'))),
 *               er_pct_7d: cohortPercentile(feat('er_7d'), { by: [feat('platform_last_lifetime'), feat('tier_last_lifetime')] }) },
 * });
 */
export function defineFeatureView(input: {
  name: string;
  version: number;
  inputs: readonly FeatureSetDef[];
  features: Record<string, ViewFeatureSpec>;
  description?: string;
}): FeatureViewDef {
  const issues = new IssueCollector();
  const where = `feature view '${input.name}'`;
  if (!NAME.test(input.name)) issues.add('features.bad_name', 'name', `'${input.name}' is not a valid name: use lower_snake_case`);
  if (!Number.isInteger(input.version) || input.version < 1)
    issues.add('features.bad_version', 'version', 'version must be an integer ≥ 1');
  if (input.inputs.length === 0) issues.add('features.view_inputs', 'inputs', 'a view reads at least one feature set');
  const types = new Map<string, ValueType>();
  for (const set of input.inputs) for (const o of set.outputs) types.set(o.name, o.type);
  const outputs: FeatureOutput[] = [];
  const features = Object.entries(input.features).map(([name, spec]) => Object.freeze({ name, spec }));
  for (const { name, spec } of features) {
    const path = `features.${name}`;
    if (!NAME.test(name)) issues.add('features.bad_name', path, `'${name}' is not a valid feature name: use lower_snake_case`);
    if (types.has(name)) issues.add('features.duplicate_output', path, `'${name}' is already an output of an input set: rename it`);
    const scope = {
      where,
      feature: (ref: string, window: string | null, found: IssueCollector, at: string): ValueType | undefined => {
        if (window !== null) {
          found.add('features.view_window', at, `feat('${ref}', '${window}'): in a view, name the output column (e.g. '${ref}_${window}')`);
          return undefined;
        }
        const t = types.get(ref);
        if (t === undefined)
          found.add('features.unknown_feature', at, `unknown feature '${ref}' in ${where}${didYouMean(ref, [...types.keys()])}`);
        return t;
      },
    };
    let type: ValueType | undefined;
    if (spec.kind === 'derived') {
      const t = typeOfExpr(spec.expr as ExprNode, scope, issues, `${path}.expr`);
      type = t === 'null' ? 'float64' : t;
    } else if (spec.kind === 'cohort') {
      for (const [i, ref] of [spec.value, ...spec.by].entries())
        typeOfExpr(ref, scope, issues, `${path}.${i === 0 ? 'value' : `by[${i - 1}]`}`);
      type = 'float64';
    } else {
      issues.add(
        'features.view_feature',
        path,
        `a view feature is derive(...) or a cohort statistic, not '${(spec as { kind: string }).kind}'`,
      );
    }
    if (type !== undefined && !isScalar(type)) issues.add('features.view_type', path, `'${name}' must be a scalar, not ${String(type)}`);
    if (type !== undefined) {
      types.set(name, type);
      outputs.push({ name, feature: name, window: null, type, role: spec.kind === 'cohort' ? 'cohort' : 'derived' });
    }
  }
  issues.throwIfAny(`Feature view '${input.name}' is not valid`, 'features.invalid_view');
  const body = {
    kind: 'feature_view' as const,
    name: input.name,
    version: input.version,
    description: input.description ?? '',
    inputs: Object.freeze([...input.inputs]),
    features: Object.freeze(features),
    outputs: Object.freeze(outputs.map((o) => Object.freeze(o))),
  };
  return Object.freeze({ ...body, hash: contentHash(body) });
}
