import {
  col,
  count,
  creator,
  defineFeatureSet,
  derive,
  feat,
  max,
  mean,
  ratio,
  safeDiv,
  slope,
  stddev,
  sum,
  zscore,
} from '../../sdk/features/index.ts';
import { engagementArrivalSource, engagementSource } from '../sources.ts';

/**
 * Engagement of the creator's posts as known at as_of (the latest revision of each post). Bought likes
 * push likes far from comments and views; genuine viral spikes raise every counter together.
 */
export const creatorEngagement = defineFeatureSet({
  name: 'creator_engagement',
  version: 1,
  description: 'Posts, likes, comments, views and their ratios per window, as known at as_of.',
  entity: creator,
  source: engagementSource,
  windows: ['7d', '28d'],
  features: {
    posts: count(),
    likes: sum('likes'),
    comments: sum('comments'),
    interactions: sum(col('likes').plus(col('comments'))),
    views: sum('views'),
    likes_per_comment: ratio(sum('likes'), sum('comments')),
    likes_per_view: ratio(sum('likes'), sum('views')),
    shares_per_like: ratio(sum('shares'), sum('likes')),
    likes_top: max('likes'),
    likes_avg: mean('likes'),
    likes_sd: stddev('likes'),
    likes_z: zscore('likes'),
    likes_trend: slope('likes'),
    spikiness: derive(safeDiv(feat('likes_top'), feat('likes_avg'))),
  },
});

/**
 * How engagement arrived, observation by observation: bought likes land in steps with no views behind
 * them, so the likes-per-view of single observations swings far above its mean.
 */
export const creatorEngagementArrival = defineFeatureSet({
  name: 'creator_engagement_arrival',
  version: 1,
  description: 'Likes per view across single observations (step-ness of engagement arrival).',
  entity: creator,
  source: engagementArrivalSource,
  windows: ['7d', '28d'],
  features: {
    observations: count(),
    lpv: mean(safeDiv(col('likes'), col('views'))),
    lpv_top: max(safeDiv(col('likes'), col('views'))),
    lpv_sd: stddev(safeDiv(col('likes'), col('views'))),
    stepness: derive(safeDiv(feat('lpv_top'), feat('lpv'))),
  },
});
