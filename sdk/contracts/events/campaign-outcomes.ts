import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { id } from './common.ts';

/** Ground truth: a campaign's final result, known only once its attribution window has closed. */
export const campaignOutcomes = defineContract({
  name: 'campaign_outcomes',
  version: 1,
  description: 'Ground truth: whether the campaign met its KPI and its final ROAS, known at matured_at (end + attribution window).',
  key: 'campaign_id',
  eventTime: 'matured_at',
  columns: {
    event_id: id(),
    campaign_id: id(),
    creator_id: id(),
    matured_at: t.timestamp(),
    kpi_met: t.bool(),
    kpi_value: t.float64({ min: 0 }).describe('final value of the campaign KPI metric'),
    roas: t.float64({ min: 0 }),
  },
});
