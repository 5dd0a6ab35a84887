import type { SpineSpec } from '../compile/index.ts';
import type { FeatureSetDef, FeatureViewDef } from '../features/index.ts';

/**
 * What a training frame is made of, as data: the spine (entity keys, `as_of`, and any label columns it
 * carries), the feature sets to compute at each row's `as_of`, and optionally labels joined from another
 * relation under a maturity rule.
 */
export interface TrainingFrameSpec {
  /** Rows of (entity keys…, as_of[, label…]); it must hold every key column of every feature set's entity. */
  readonly spine: SpineSpec;
  /** Extra spine columns to carry into the frame (labels, tier, platform…), in order. */
  readonly carry?: readonly string[];
  /** Feature sets and views (a view brings the sets it reads). */
  readonly features: readonly (FeatureSetDef | FeatureViewDef)[];
  /** Prefix output columns with the set name (needed when two sets share an output name). */
  readonly prefixWithSetName?: boolean;
  readonly labels?: LabelSpec;
  /** Read a source from another relation than its lake table (by source name): tests, snapshots, views. */
  readonly tables?: Readonly<Record<string, string>>;
}

/**
 * Labels that become known late (campaign outcomes mature after an attribution window): a label is
 * joined only if it had matured by `usedAt`, the moment the frame is used for training. Never the wall
 * clock: the caller states the moment, so a frame is reproducible.
 */
export interface LabelSpec {
  /** A relation name or a SELECT. */
  readonly from: string;
  /** Join keys: spine column → label relation column. */
  readonly on: Readonly<Record<string, string>>;
  readonly columns: readonly string[];
  readonly maturedAt: string;
  readonly usedAt: Date;
}
