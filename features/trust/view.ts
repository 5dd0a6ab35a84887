import { cohortPercentile, cohortZScore, defineFeatureView, derive, feat, safeDiv } from '../../sdk/features/index.ts';
import { creatorProfile } from '../profile.ts';
import { creatorAudience } from './audience.ts';
import { creatorComments } from './comments.ts';
import { creatorEngagement, creatorEngagementArrival } from './engagement.ts';
import { creatorFollowers } from './followers.ts';

/**
 * Features across sets: engagement rate (interactions per follower, as HypeAuditor defines it) and where
 * the creator stands in its platform × tier cohort as of the same time; the likes:comments ratio against
 * the cohort.
 */
export const creatorTrustView = defineFeatureView({
  name: 'creator_trust_view',
  version: 1,
  description: 'Engagement rate per follower and cohort-relative engagement.',
  inputs: [creatorFollowers, creatorEngagement, creatorEngagementArrival, creatorComments, creatorAudience, creatorProfile],
  features: {
    er_7d: derive(safeDiv(safeDiv(feat('interactions_sum_7d'), feat('posts_count_7d')), feat('followers_last_7d'))),
    er_28d: derive(safeDiv(safeDiv(feat('interactions_sum_28d'), feat('posts_count_28d')), feat('followers_last_28d'))),
    er_pct_28d: cohortPercentile(feat('er_28d'), { by: [feat('platform_last_lifetime'), feat('tier_last_lifetime')] }),
    er_cz_28d: cohortZScore(feat('er_28d'), { by: [feat('platform_last_lifetime'), feat('tier_last_lifetime')] }),
    lpc_cz_28d: cohortZScore(feat('likes_per_comment_ratio_28d'), { by: [feat('platform_last_lifetime'), feat('tier_last_lifetime')] }),
  },
});
