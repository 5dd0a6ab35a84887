import {
  creator,
  defineFeatureSet,
  derive,
  deriveAcross,
  feat,
  first,
  last,
  max,
  mean,
  safeDiv,
  slope,
  stddev,
  zscore,
} from '../../sdk/features/index.ts';
import { followerSnapshotsSource } from '../sources.ts';

/**
 * Follower-graph signals. Bought followers: a hockey-stick step (growth and its z-score), then slow decay
 * from the peak. Follow/unfollow farming: the following count oscillates (its coefficient of variation)
 * and stays high against followers.
 */
export const creatorFollowers = defineFeatureSet({
  name: 'creator_followers',
  version: 1,
  description: 'Follower growth, spikes, decay, and following-count behaviour from daily snapshots.',
  entity: creator,
  source: followerSnapshotsSource,
  windows: ['7d', '28d'],
  features: {
    followers: last('followers'),
    followers_start: first('followers'),
    followers_peak: max('followers'),
    follower_trend: slope('followers'),
    follower_z: zscore('followers'),
    following: last('following'),
    following_mean: mean('following'),
    following_sd: stddev('following'),
    growth: derive(safeDiv(feat('followers').minus(feat('followers_start')), feat('followers_start'))),
    decay_from_peak: derive(safeDiv(feat('followers_peak').minus(feat('followers')), feat('followers_peak'))),
    following_cv: derive(safeDiv(feat('following_sd'), feat('following_mean'))),
    following_ratio: derive(safeDiv(feat('following'), feat('followers'))),
    growth_burst: deriveAcross(safeDiv(feat('growth', '7d'), feat('growth', '28d'))),
  },
});
