import { caseWhen, defineFeatureView, derive, eq, feat, lit, safeDiv } from '../../sdk/features/index.ts';
import { creatorProfile } from '../profile.ts';
import { creatorAudience } from '../trust/audience.ts';
import { creatorEngagement } from '../trust/engagement.ts';
import { creatorFollowers } from '../trust/followers.ts';
import { brandProfile, campaignBrief } from './campaign.ts';
import { creatorCampaignHistory } from './history.ts';

/**
 * Campaign-against-creator fit: niche, country and language match with the brand, the price against the
 * creator's reach, the budget in posts, and the recent engagement trend.
 */
export const campaignFitView = defineFeatureView({
  name: 'campaign_fit_view',
  version: 1,
  description: 'Niche, country and language match, price per follower, budget in posts, engagement trend.',
  inputs: [campaignBrief, brandProfile, creatorProfile, creatorFollowers, creatorEngagement, creatorAudience, creatorCampaignHistory],
  features: {
    niche_match: derive(caseWhen([[eq(feat('niche_last_lifetime'), feat('category_last_lifetime')), lit(1)]], lit(0))),
    country_match: derive(caseWhen([[eq(feat('country_last_lifetime'), feat('brand_country_last_lifetime')), lit(1)]], lit(0))),
    language_match: derive(caseWhen([[eq(feat('language_last_lifetime'), feat('brand_language_last_lifetime')), lit(1)]], lit(0))),
    price_per_kfollower: derive(safeDiv(feat('price_last_lifetime'), safeDiv(feat('followers_last_28d'), lit(1000)))),
    posts_in_budget: derive(safeDiv(feat('budget_last_lifetime'), feat('price_last_lifetime'))),
    engagement_trend: derive(safeDiv(feat('interactions_sum_7d'), safeDiv(feat('interactions_sum_28d'), lit(4)))),
    er_28d: derive(safeDiv(safeDiv(feat('interactions_sum_28d'), feat('posts_count_28d')), feat('followers_last_28d'))),
  },
});
