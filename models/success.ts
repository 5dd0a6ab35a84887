import { SUCCESS_FEATURES } from '../features/index.ts';
import { defineExperiment } from './spec.ts';

/**
 * The success ensemble: will this campaign hit its KPI? One row per campaign at its start date; the
 * label is its outcome, joined only if it had matured by the time the frame is used.
 */
export const successExperiment = defineExperiment({
  description: 'Success: KPI met, from creator trust, campaign fit and past outcomes as known at campaign start.',
  features: SUCCESS_FEATURES,
  spine: `
SELECT campaign_id, creator_id, brand_id, CAST(start_date AS TIMESTAMP) AS as_of
FROM {{events.campaigns}}`,
  carry: [],
  labels: {
    from: `SELECT campaign_id, matured_at, CASE WHEN kpi_met THEN 1 ELSE 0 END AS kpi_met, roas FROM {{events.campaign_outcomes}}`,
    on: { campaign_id: 'campaign_id' },
    columns: ['kpi_met', 'roas'],
    maturedAt: 'matured_at',
  },
  label: 'kpi_met',
  splitBy: 'creator_id',
  groups: { tier_last_lifetime: 'tier', platform_last_lifetime: 'platform' },
  regression: { target: 'roas', params: { numRounds: 200, learningRate: 0.05, numLeaves: 7, minDataInLeaf: 5 } },
  spec: {
    experiment: 'KOL_success',
    testFraction: 0.3,
    outOfTimeQuantile: 0.7,
    ensemble: {
      folds: 4,
      seed: 11,
      classWeight: 'balanced',
      gbdt: { numRounds: 200, learningRate: 0.05, numLeaves: 7, minDataInLeaf: 5, earlyStoppingRounds: 30 },
      logistic: { l2: 1 },
      mlp: { hidden: [16], epochs: 40, seed: 11 },
      meta: { l2: 1 },
      calibration: 'platt',
    },
  },
});
