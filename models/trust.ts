import { TRUST_FEATURES } from '../features/index.ts';
import { defineExperiment } from './spec.ts';

/**
 * The trust ensemble: is this creator's audience and engagement genuine, as of a given day?
 *
 * Spine: every creator at the end of every 7th day of its history, from its 14th day on (before that the
 * 7-day and 28-day windows say little). The label is the ground truth in force at that moment (the latest
 * trust label at or before as_of), so a creator turning fraudulent midway is negative before and positive
 * after the onset.
 */
export const trustExperiment = defineExperiment({
  description: 'Trust: GBDT + logistic + MLP, stacked and calibrated; labels from planted fraud ground truth.',
  features: TRUST_FEATURES,
  spine: `
SELECT d.creator_id, d.as_of, l.is_fraud, l.fraud_types
FROM (
  SELECT DISTINCT creator_id, CAST(snapshot_date + INTERVAL '1' DAY AS TIMESTAMP) AS as_of
  FROM {{events.follower_snapshots}}
  WHERE date_diff('day', (SELECT min(snapshot_date) FROM {{events.follower_snapshots}}), snapshot_date) % 7 = 6
    AND date_diff('day', (SELECT min(snapshot_date) FROM {{events.follower_snapshots}}), snapshot_date) >= 13
) AS d
JOIN (
  SELECT creator_id, CAST(as_of AS TIMESTAMP) AS label_from,
         lead(CAST(as_of AS TIMESTAMP)) OVER (PARTITION BY creator_id ORDER BY as_of) AS label_to,
         CASE WHEN is_fraud THEN 1 ELSE 0 END AS is_fraud, fraud_types
  FROM {{events.trust_labels}}
) AS l
  ON l.creator_id = d.creator_id AND l.label_from <= d.as_of AND (l.label_to IS NULL OR l.label_to > d.as_of)`,
  carry: ['is_fraud', 'fraud_types'],
  label: 'is_fraud',
  splitBy: 'creator_id',
  groups: { tier_last_lifetime: 'tier', platform_last_lifetime: 'platform' },
  typesColumn: 'fraud_types',
  spec: {
    experiment: 'KOL_trust',
    testFraction: 0.3,
    outOfTimeQuantile: 0.7,
    heldOutType: 'engagement_pod',
    ensemble: {
      folds: 4,
      seed: 7,
      classWeight: 'balanced',
      gbdt: { numRounds: 300, learningRate: 0.05, numLeaves: 15, minDataInLeaf: 10, earlyStoppingRounds: 30 },
      logistic: { l2: 1 },
      mlp: { hidden: [32, 16], epochs: 40, seed: 7 },
      meta: { l2: 1 },
      calibration: 'isotonic',
    },
  },
});
