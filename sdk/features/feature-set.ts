import type { AggSpec } from './aggregates/define.ts';
import { contentHash } from './canonical.ts';
import type { CohortSpec } from './cohort.ts';
import type { DerivedSpec } from './derived.ts';
import type { EntityDef } from './entity.ts';
import type { SourceDef } from './source.ts';
import { validateFeatureSet } from './validate.ts';
import type { ValueType } from './value-type.ts';
import type { WindowName } from './window.ts';

export type FeatureSpec = AggSpec | DerivedSpec<unknown> | CohortSpec;

/** One column of the output: deterministic name (`likes_sum_7d`), where it comes from, and its type. */
export interface FeatureOutput {
  readonly name: string;
  readonly feature: string;
  readonly window: WindowName | null;
  readonly type: ValueType;
  readonly role: 'aggregate' | 'derived' | 'cohort';
}

/** A feature set: frozen data, serialisable with `canonicalJson`, identified by `hash`. */
export interface FeatureSetDef<
  Name extends string = string,
  E extends EntityDef = EntityDef,
  S extends SourceDef = SourceDef,
  W extends WindowName = WindowName,
  F extends Record<string, FeatureSpec> = Record<string, FeatureSpec>,
> {
  readonly kind: 'feature_set';
  readonly name: Name;
  readonly version: number;
  readonly description: string;
  readonly entity: E;
  readonly source: S;
  readonly windows: readonly W[];
  /** Features in definition order (an array, so that order is data too). */
  readonly features: readonly { readonly name: string; readonly spec: FeatureSpec }[];
  readonly outputs: readonly FeatureOutput[];
  /** Whether the set must also run in streaming: then every aggregate needs incremental state. */
  readonly online: boolean;
  /** sha256 of the canonical JSON of everything above. */
  readonly hash: string;
  readonly __features?: F;
}

type ColumnsOf<S> = S extends SourceDef<string, infer C> ? C : never;

/** Rejects, at the type level, an aggregate reading a column its source lacks (and names the column). */
export type CheckFeatures<F, Cols> = {
  [K in keyof F]: F[K] extends AggSpec<string, infer C, unknown>
    ? string extends C
      ? F[K] // columns not known at the type level (e.g. inside caseWhen): validation checks them
      : [C] extends [keyof Cols & string]
        ? F[K]
        : F[K] & { readonly __unknownColumn: Exclude<C, keyof Cols & string> }
    : F[K];
};

export interface FeatureSetInput<N extends string, E extends EntityDef, S extends SourceDef, W extends WindowName, F> {
  name: N;
  version: number;
  entity: E;
  source: S;
  windows: readonly W[];
  features: F;
  description?: string;
  /** Default true: the set is served online, so batch-only aggregates are refused with the alternative. */
  online?: boolean;
}

/**
 * Defines a feature set: keys × aggregations × windows, plus derived and cohort features. Every problem is
 * collected and thrown once as an `IssuesError`.
 *
 * @example
 * export const creatorEngagement = defineFeatureSet({
 *   name: 'creator_engagement', version: 1, entity: creator, source: engagement, windows: ['1d', '7d', '28d'],
 *   features: { likes: sum('likes'), posts: count(), likes_per_post: derive(safeDiv(feat('likes'), feat('posts'))) },
 * });
 * type Row = InferFeatureRow<typeof creatorEngagement>; // { creator_id: string; as_of: Date; likes_sum_7d: bigint | null; … }
 */
export function defineFeatureSet<
  const N extends string,
  E extends EntityDef,
  S extends SourceDef,
  const W extends WindowName,
  const F extends Record<string, FeatureSpec>,
>(input: FeatureSetInput<N, E, S, W, F & CheckFeatures<F, ColumnsOf<S>>>): FeatureSetDef<N, E, S, W, F> {
  const features = Object.freeze(
    Object.entries(input.features as Record<string, FeatureSpec>).map(([name, spec]) => Object.freeze({ name, spec })),
  );
  const body = {
    kind: 'feature_set' as const,
    name: input.name,
    version: input.version,
    description: input.description ?? '',
    entity: input.entity,
    source: input.source,
    windows: Object.freeze([...input.windows]),
    features,
    online: input.online ?? true,
  };
  const outputs = validateFeatureSet(body);
  const withOutputs = { ...body, outputs: Object.freeze(outputs.map((o) => Object.freeze(o))) };
  return Object.freeze({ ...withOutputs, hash: contentHash(withOutputs) }) as FeatureSetDef<N, E, S, W, F>;
}
