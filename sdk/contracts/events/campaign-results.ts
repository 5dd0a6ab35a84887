import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { count, id, usd } from './common.ts';

/** A campaign's delivery on one day, as reported the next morning (attribution still incomplete). */
export const campaignResults = defineContract({
  name: 'campaign_results',
  version: 1,
  description: "A campaign's delivery on one day: impressions, engagements, clicks, conversions, revenue (preliminary attribution).",
  key: 'campaign_id',
  eventTime: 'reported_at',
  columns: {
    event_id: id(),
    campaign_id: id(),
    creator_id: id(),
    result_date: t.date(),
    reported_at: t.timestamp(),
    impressions: count(),
    engagements: count(),
    clicks: count(),
    conversions: count(),
    revenue_usd: usd(),
  },
});
