import type { ExprArg, FeatNode } from './expr/node.ts';

/**
 * A feature relative to the entity's cohort at the same as_of: entities sharing the `by` values (e.g.
 * platform and follower tier). The cohort is every entity known at as_of (an event visible at as_of), not
 * only those in the spine, and every member's values are themselves as known at as_of — so the statistic is
 * point-in-time correct. Expanded per window of `value`.
 *
 * - `percentile`: the fraction of the cohort's non-null values ≤ the entity's (cume_dist), in (0, 1].
 * - `zscore`: (value − cohort mean) / cohort sample stddev; null under 2 members or a zero stddev.
 */
export interface CohortSpec {
  readonly kind: 'cohort';
  readonly stat: 'percentile' | 'zscore';
  readonly value: FeatNode;
  readonly by: readonly FeatNode[];
}

function cohort(stat: CohortSpec['stat'], value: ExprArg, by: readonly ExprArg[]): CohortSpec {
  if (value.kind !== 'feat') throw new TypeError(`cohort ${stat}: the value must be feat('<feature>')`);
  for (const b of by) if (b.kind !== 'feat') throw new TypeError(`cohort ${stat}: each 'by' must be feat('<feature>')`);
  return Object.freeze({ kind: 'cohort', stat, value: value as FeatNode, by: Object.freeze([...by] as unknown as FeatNode[]) });
}

/**
 * Percentile of a feature within the entity's cohort as of the same time.
 *
 * @example er_pct: cohortPercentile(feat('er'), { by: [feat('platform', 'lifetime'), feat('tier', 'lifetime')] })
 */
export function cohortPercentile(value: ExprArg, opts: { by: readonly ExprArg[] }): CohortSpec {
  return cohort('percentile', value, opts.by);
}

/**
 * z-score of a feature within the entity's cohort as of the same time.
 *
 * @example er_cz: cohortZScore(feat('er'), { by: [feat('tier', 'lifetime')] })
 */
export function cohortZScore(value: ExprArg, opts: { by: readonly ExprArg[] }): CohortSpec {
  return cohort('zscore', value, opts.by);
}
