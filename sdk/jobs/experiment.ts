import type { FeatureSetDef, FeatureViewDef } from '../features/index.ts';
import type { ExperimentSpec, GbdtParams } from '../train/index.ts';

/**
 * An experiment as data: which features, which spine and labels, which ensemble. The spine and label SQL
 * name event tables as `{{events.<event_type>}}`, resolved by the job to the lake's silver table (or, on
 * the embedded default without a lake, to the generated files), in DuckDB and Trino alike.
 */
export interface ExperimentDefinition {
  readonly kind: 'experiment';
  readonly description: string;
  readonly spec: ExperimentSpec;
  readonly features: readonly (FeatureSetDef | FeatureViewDef)[];
  /** SELECT of (entity keys…, as_of, carried columns…), dialect-neutral SQL. */
  readonly spine: string;
  /** Spine columns carried into the frame: the label, fraud types, group keys. */
  readonly carry: readonly string[];
  /** Labels that mature late, joined under the maturity rule (success); absent when the spine carries them. */
  readonly labels?: {
    readonly from: string;
    readonly on: Readonly<Record<string, string>>;
    readonly columns: readonly string[];
    readonly maturedAt: string;
  };
  /** The 0/1 label column. */
  readonly label: string;
  /** Rows of one entity never straddle train and test. */
  readonly splitBy: string;
  /** Metrics per value of these columns (frame column → group name). */
  readonly groups: Readonly<Record<string, string>>;
  /** Column listing planted fraud types per row (held-out-type evaluation). */
  readonly typesColumn?: string;
  /** A regression head trained beside the classifier on a label column (ROAS for success). */
  readonly regression?: { readonly target: string; readonly params: Partial<GbdtParams> };
}

/**
 * Freezes a definition after checking what can be checked without data.
 *
 * @example export const trust = defineExperiment({ spec: { experiment: 'KOL_trust', … }, features, spine, … });
 */
export function defineExperiment(def: Omit<ExperimentDefinition, 'kind'>): ExperimentDefinition {
  if (!/^KOL_[A-Za-z0-9_]+$/.test(def.spec.experiment)) {
    throw new TypeError(`experiment '${def.spec.experiment}' must be named KOL_<name> (domain separation)`);
  }
  return Object.freeze({ kind: 'experiment' as const, ...def });
}
