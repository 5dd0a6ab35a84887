import { FRAUD_TYPES, type FraudType, NICHES, type Niche, type Platform, TIERS, type Tier } from '../../sdk/contracts/index.ts';
import { CPM_USD, CREATOR_ER_SIGMA, POSTS_PER_DAY, REACH, TIER_FOLLOWERS } from './calibration.ts';
import { ENTITY, PURPOSE, type WorldContext } from './context.ts';
import { Rng } from './prng.ts';
import { COUNTRIES, COUNTRY_WEIGHTS, handleOf, PLATFORM_WEIGHTS } from './vocab.ts';

/** Everything fixed about a creator, including the hidden parameters that drive the simulation. */
export interface CreatorProfile {
  readonly index: number;
  readonly code: string;
  readonly creatorId: string;
  readonly handle: string;
  readonly platform: Platform;
  readonly tier: Tier;
  readonly niche: Niche;
  readonly country: string;
  readonly language: string;
  /** Days before the start of history that the account was created. */
  readonly accountAgeDays: number;
  readonly followers0: number;
  readonly following0: number;
  readonly pricePerPost: number;
  /**
   * Hidden: asking price against the market norm for the creator's size. Prices follow the follower count
   * of the day, so bought followers make a creator dearer without reaching anyone more.
   */
  readonly priceRatio: number;
  /**
   * Hidden: the creator's engagement against the average of creators its size (a mean-one log-normal);
   * the rate itself follows the follower count of the day ({@link erAt}), as a growing account's does.
   */
  readonly erSpread: number;
  /** Comments as a share of likes + comments. */
  readonly commentShare: number;
  readonly shareRate: number;
  readonly saveRate: number;
  /** Likes per view of a video. */
  readonly likesPerView: number;
  readonly postRate: number;
  /** Hidden: daily drift of engagement (log scale); the engagement trend of campaign success. */
  readonly trend: number;
  readonly growth: number;
  readonly growthSigma: number;
  /** Hidden: share of fake accounts among organically gained followers. */
  readonly fakeBase: number;
  readonly registeredOffsetMs: number;
}

/** A creator's fraud, if any: which kinds, when it starts, and the parameters of each kind. */
export interface FraudPlan {
  readonly types: readonly FraudType[];
  /** First day (index into history) on which the fraud is active. */
  readonly onsetDay: number;
  readonly onsetOffsetMs: number;
  readonly boughtJump: number;
  readonly boughtDecay: number;
  readonly secondPurchaseDay: number;
  readonly secondJump: number;
  readonly cyclePeriod: number;
  readonly cycleAmplitude: number;
  readonly followBack: number;
  readonly boughtLikesChance: number;
  readonly podSize: number;
  readonly podParticipation: number;
  readonly botPool: number;
  readonly botTexts: readonly string[];
  readonly botRate: number;
  readonly lowCredShare: number;
}

/** The market price of a post: the platform's typical CPM applied to the followers a post reaches. */
export function priceNormOf(followers: number, platform: Platform): number {
  return (CPM_USD[platform] * REACH[platform] * followers) / 1000;
}

/** Draws a creator's profile from its own stream. */
export function drawProfile(ctx: WorldContext, index: number): CreatorProfile {
  const rng = Rng.from(ctx.options.seed, ENTITY.creator, index, PURPOSE.profile);
  const mix = ctx.options.tierMix;
  const tier = TIERS[rng.weighted(TIERS.map((t) => mix[t]))] as Tier;
  const [lo, hi] = TIER_FOLLOWERS[tier];
  const followers0 = Math.round(rng.logRange(lo, hi));
  const platforms = Object.keys(PLATFORM_WEIGHTS) as Platform[];
  const platform = platforms[rng.weighted(platforms.map((p) => PLATFORM_WEIGHTS[p]))] as Platform;
  const country = COUNTRIES[rng.weighted(COUNTRY_WEIGHTS)] as (typeof COUNTRIES)[number];
  const code = ctx.ids.code(ENTITY.creator, index);
  const priceRatio = rng.noise(0.45);
  const small = followers0 < 20_000;
  return {
    index,
    code,
    creatorId: `cr-${code}`,
    handle: handleOf((n) => rng.int(n), code),
    platform,
    tier,
    niche: rng.pick(NICHES),
    country: country[0],
    language: rng.chance(0.85) ? country[2] : 'en',
    accountAgeDays: Math.round(rng.range(200, 4000)),
    followers0,
    following0: Math.round(Math.min(1400, 60 + rng.exp(350))),
    pricePerPost: Math.max(5, Math.round(priceNormOf(followers0, platform) * priceRatio)),
    priceRatio,
    erSpread: rng.noise(CREATOR_ER_SIGMA),
    commentShare: Math.min(0.12, 0.035 * rng.noise(0.4)),
    shareRate: rng.range(0.01, platform === 'tiktok' ? 0.12 : 0.05),
    saveRate: rng.range(0.005, 0.05),
    likesPerView: rng.range(0.04, 0.12),
    postRate: POSTS_PER_DAY[platform] * rng.noise(0.4),
    trend: rng.normal() * 0.002,
    growth: rng.range(-0.0003, small ? 0.0025 : 0.0012),
    growthSigma: small ? 0.0012 : 0.0006,
    fakeBase: rng.range(0.03, 0.12),
    registeredOffsetMs: Math.floor(rng.range(0, 6 * 3_600_000)),
  };
}

const TYPE_WEIGHTS: Readonly<Record<FraudType, number>> = Object.freeze({
  bought_followers: 0.28,
  follow_unfollow: 0.12,
  bought_likes: 0.2,
  engagement_pod: 0.14,
  bot_comments: 0.14,
  low_credibility_audience: 0.12,
});

/**
 * Decides whether a creator commits fraud (with the tier's prevalence), which kinds (one to three), from
 * which day (between 15% and 60% of the history, so that the history shows a before and an after), and how.
 */
export function drawFraud(ctx: WorldContext, profile: CreatorProfile): FraudPlan | null {
  const rng = Rng.from(ctx.options.seed, ENTITY.creator, profile.index, PURPOSE.fraud);
  if (!rng.chance(ctx.options.fraudPrevalence[profile.tier])) return null;
  const n = 1 + rng.weighted([0.6, 0.3, 0.1]);
  const types = new Set<FraudType>();
  while (types.size < n) types.add(FRAUD_TYPES[rng.weighted(FRAUD_TYPES.map((t) => TYPE_WEIGHTS[t]))] as FraudType);
  const days = ctx.options.days;
  const onsetDay = Math.floor(rng.range(0.15, 0.6) * days);
  const botTexts = Array.from({ length: 5 + rng.int(11) }, () => rng.u32().toString(16).padStart(8, '0'));
  return {
    types: FRAUD_TYPES.filter((t) => types.has(t)),
    onsetDay,
    onsetOffsetMs: 0,
    boughtJump: rng.range(0.25, 1.2),
    boughtDecay: rng.range(0.003, 0.01),
    secondPurchaseDay: rng.chance(0.3) ? onsetDay + 20 + rng.int(20) : -1,
    secondJump: rng.range(0.1, 0.4),
    cyclePeriod: 6 + rng.int(9),
    cycleAmplitude: rng.range(1500, 5000),
    followBack: rng.range(0.02, 0.06),
    boughtLikesChance: rng.range(0.7, 0.95),
    podSize: Math.round(rng.logRange(20, 200)),
    podParticipation: rng.range(0.6, 0.9),
    botPool: 50 + rng.int(450),
    botTexts,
    botRate: rng.range(0.6, 1.5),
    lowCredShare: rng.range(0.45, 0.8),
  };
}
