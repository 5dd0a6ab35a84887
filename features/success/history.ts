import { caseWhen, col, count, creator, defineFeatureSet, lit, mean } from '../../sdk/features/index.ts';
import { campaignOutcomesSource } from '../sources.ts';

/**
 * The creator's past campaign outcomes, as known at the new campaign's start: an outcome counts only once
 * it has matured (its event time is its maturity), so a running campaign never informs itself.
 */
export const creatorCampaignHistory = defineFeatureSet({
  name: 'creator_campaign_history',
  version: 1,
  description: 'Past campaigns of the creator: how many matured, KPI hit rate, mean ROAS.',
  entity: creator,
  source: campaignOutcomesSource,
  windows: ['lifetime'],
  features: {
    past_campaigns: count(),
    past_kpi_met: mean(caseWhen([[col('kpi_met'), lit(1)]], lit(0))),
    past_roas: mean('roas'),
  },
});
