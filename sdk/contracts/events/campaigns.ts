import { t } from '../../types/index.ts';
import { defineContract, notBefore } from '../define.ts';
import { id, KPI_METRICS, OBJECTIVES, usd } from './common.ts';

/** A brand booked a creator. Keyed by campaign so that all of a campaign's events stay in order. */
export const campaigns = defineContract({
  name: 'campaigns',
  version: 1,
  description: 'A brand booked a creator: objective, budget, flight dates and the KPI target (cpm/cpe: at most; roas: at least).',
  key: 'campaign_id',
  eventTime: 'booked_at',
  columns: {
    event_id: id(),
    campaign_id: id(),
    brand_id: id(),
    creator_id: id(),
    booked_at: t.timestamp(),
    objective: t.enum(OBJECTIVES),
    budget_usd: usd(),
    start_date: t.date(),
    end_date: t.date(),
    kpi_metric: t.enum(KPI_METRICS),
    kpi_target: t.float64({ min: 0 }),
  },
  rules: [notBefore('end_date', 'start_date')],
});
