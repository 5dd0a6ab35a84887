import {
  approxDistinct,
  caseWhen,
  cohortPercentile,
  cohortZScore,
  col,
  count,
  countDistinct,
  creator,
  defineFeatureSet,
  defineSource,
  derive,
  deriveAcross,
  feat,
  first,
  last,
  lastK,
  lit,
  max,
  mean,
  min,
  ratio,
  safeDiv,
  slope,
  stddev,
  sum,
  variance,
  zscore,
} from '../../sdk/features/index.ts';

/**
 * Fixture sources and feature sets shared by the golden, execution and property tests. Column types are
 * given as kind names so that these fixtures do not depend on how `sdk/types` spells its builders.
 */
export const engagement = defineSource({
  name: 'engagement',
  table: 'kol_silver.engagement_observations',
  topic: 'kol.engagement_observations.v1',
  eventTime: 'posted_at',
  observedTime: 'observed_at',
  eventKey: 'post_id',
  columns: {
    creator_id: 'string',
    post_id: 'string',
    platform: 'string',
    likes: 'int64',
    comments: 'int64',
    followers: 'int64',
    score: 'float64',
    posted_at: 'timestamp',
    observed_at: 'timestamp',
  },
});

export const followerSnapshots = defineSource({
  name: 'follower_snapshots',
  table: 'kol_silver.follower_snapshots',
  topic: 'kol.follower_snapshots.v1',
  eventTime: 'captured_at',
  columns: { creator_id: 'string', followers: 'int64', following: 'int64', platform: 'string', captured_at: 'timestamp' },
});

export const comments = defineSource({
  name: 'comments',
  table: 'kol_silver.comments',
  topic: 'kol.comments.v1',
  eventTime: 'created_at',
  eventKey: 'comment_id',
  columns: { creator_id: 'string', comment_id: 'string', commenter_id: 'string', length: 'int64', created_at: 'timestamp' },
});

/** Every aggregate, derived per window and across windows, on a bitemporal source. */
export const creatorEngagement = defineFeatureSet({
  name: 'creator_engagement',
  version: 1,
  entity: creator,
  source: engagement,
  windows: ['1h', '1d', '7d', 'lifetime'],
  features: {
    likes: sum('likes'),
    posts: count(),
    likes_seen: count('likes'),
    er: mean(safeDiv(col('likes').plus(col('comments')), col('followers'))),
    likes_lo: min('likes'),
    likes_hi: max('likes'),
    likes_var: variance('likes'),
    likes_p: variance('likes', { population: true }),
    likes_sd: stddev('likes'),
    likes_sdp: stddev('likes', { population: true }),
    likes_start: first('likes'),
    likes_now: last('likes'),
    recent: lastK('likes', 3),
    post_ids: approxDistinct('post_id', { k: 4 }),
    like_rate: ratio(sum('likes'), sum('followers')),
    likes_trend: slope('likes'),
    likes_z: zscore('likes'),
    score: sum('score'),
    score_mean: mean('score'),
    likes_per_post: derive(safeDiv(feat('likes'), feat('posts'))),
    momentum: deriveAcross(safeDiv(feat('likes', '1d'), feat('likes', '7d'))),
  },
});

/** A plain event source (no observation time, no event key: duplicates count twice). */
export const creatorFollowers = defineFeatureSet({
  name: 'creator_followers',
  version: 1,
  entity: creator,
  source: followerSnapshots,
  windows: ['1d', '28d'],
  features: {
    followers: last('followers'),
    follower_trend: slope('followers'),
    snapshots: count(),
    platform: last('platform'),
    following_hi: max(col('following').cast('float64').times(0.5)),
    mass_following: count(caseWhen([[col('following').gt(1500), lit(1)]])),
  },
});

/** Duplicate deliveries collapse through the event key; exact distinct is batch only. */
export const creatorComments = defineFeatureSet({
  name: 'creator_comments',
  version: 1,
  entity: creator,
  source: comments,
  windows: ['1d', '7d'],
  online: false,
  features: {
    comments: count(),
    commenters: approxDistinct('commenter_id', { k: 3 }),
    commenters_exact: countDistinct('commenter_id'),
    length: mean('length'),
    first_commenter: first('commenter_id'),
  },
});

/** Cohort-relative features: percentile and z-score of ER within platform × follower tier, as of each row. */
export const creatorCohorts = defineFeatureSet({
  name: 'creator_cohorts',
  version: 1,
  entity: creator,
  source: engagement,
  windows: ['7d', 'lifetime'],
  features: {
    er: mean(safeDiv(col('likes').plus(col('comments')), col('followers'))),
    followers: last('followers'),
    platform: last('platform'),
    tier: derive<string | null>(
      caseWhen(
        [
          [feat('followers').lt(5_000), lit('nano')],
          [feat('followers').lt(100_000), lit('micro')],
        ],
        lit('macro'),
      ),
    ),
    er_pct: cohortPercentile(feat('er'), { by: [feat('platform', 'lifetime'), feat('tier', 'lifetime')] }),
    er_cz: cohortZScore(feat('er'), { by: [feat('platform', 'lifetime')] }),
  },
});

export const FIXTURE_SETS = { creatorEngagement, creatorFollowers, creatorComments, creatorCohorts } as const;
