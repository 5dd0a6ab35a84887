import {
  audienceSamples,
  brands,
  campaignOutcomes,
  campaigns,
  comments,
  creators,
  engagementObservations,
  followerSnapshots,
} from '../sdk/contracts/index.ts';
import { defineSource } from '../sdk/features/index.ts';

/**
 * The KOL event sources: each is a silver Iceberg table and the Kafka topic of the same events, typed by
 * its data contract (so a column the contract lacks is refused when a feature is defined). Only the
 * bitemporal source names an event key: silver already holds one row per event id, and a key on an
 * append-only source would make every frame compute version intervals it never needs.
 */

/** Daily follower / following counts per creator. */
export const followerSnapshotsSource = defineSource({
  name: 'follower_snapshots',
  table: 'kol_silver.follower_snapshots',
  topic: 'kol.follower_snapshots.v1',
  eventTime: 'captured_at',
  contract: followerSnapshots,
  description: 'Daily follower, following and post counts of a creator.',
});

/**
 * Engagement of a post as known at each observation: counters are revised, so the latest observation of a
 * post known at as_of is the one counted (bitemporal).
 */
export const engagementSource = defineSource({
  name: 'engagement',
  table: 'kol_silver.engagement_observations',
  topic: 'kol.engagement_observations.v1',
  eventTime: 'posted_at',
  observedTime: 'observed_at',
  eventKey: 'post_id',
  contract: engagementObservations,
  description: "A post's likes, comments, shares, saves and views, as revised over time.",
});

/**
 * The same observations as separate events in observation time: how engagement arrived (bought likes come
 * in steps, with no views behind them), not only where it ended.
 */
export const engagementArrivalSource = defineSource({
  name: 'engagement_arrival',
  table: 'kol_silver.engagement_observations',
  topic: 'kol.engagement_observations.v1',
  eventTime: 'observed_at',
  contract: engagementObservations,
  description: 'Each engagement observation, at the time it was observed.',
});

export const commentsSource = defineSource({
  name: 'comments',
  table: 'kol_silver.comments',
  topic: 'kol.comments.v1',
  eventTime: 'posted_at',
  contract: comments,
  description: 'Sampled comments: author, duplicate-text hash, emoji-only flag, language, length.',
});

export const audienceSource = defineSource({
  name: 'audience',
  table: 'kol_silver.audience_samples',
  topic: 'kol.audience_samples.v1',
  eventTime: 'sampled_at',
  contract: audienceSamples,
  description: "Sampled followers of a creator and their accounts' signs of life.",
});

export const creatorsSource = defineSource({
  name: 'creators',
  table: 'kol_silver.creators',
  topic: 'kol.creators.v1',
  eventTime: 'registered_at',
  contract: creators,
  description: 'Creator profiles: platform, tier, niche, country, language, price per post.',
});

export const campaignsSource = defineSource({
  name: 'campaigns',
  table: 'kol_silver.campaigns',
  topic: 'kol.campaigns.v1',
  eventTime: 'booked_at',
  contract: campaigns,
  description: 'Campaign bookings: brand, creator, objective, budget, dates, KPI target.',
});

export const brandsSource = defineSource({
  name: 'brands',
  table: 'kol_silver.brands',
  topic: 'kol.brands.v1',
  eventTime: 'registered_at',
  contract: brands,
  description: 'Advertisers: category, country, language.',
});

/** Outcomes are events of their maturity time: before it, nobody knew them. */
export const campaignOutcomesSource = defineSource({
  name: 'campaign_outcomes',
  table: 'kol_silver.campaign_outcomes',
  topic: 'kol.campaign_outcomes.v1',
  eventTime: 'matured_at',
  contract: campaignOutcomes,
  description: 'Matured campaign outcomes: KPI met, ROAS.',
});

export const SOURCES = [
  followerSnapshotsSource,
  engagementSource,
  engagementArrivalSource,
  commentsSource,
  audienceSource,
  creatorsSource,
  campaignsSource,
  brandsSource,
  campaignOutcomesSource,
] as const;
