import { t } from '../../types/index.ts';

/** Identifiers: printable, no spaces, bounded, so keys and joins never carry surprises. */
export const id = () => t.string({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' });
/** ISO 3166-1 alpha-2 country code. */
export const country = () => t.string({ pattern: '^[A-Z]{2}$' });
/** ISO 639-1 language code. */
export const language = () => t.string({ pattern: '^[a-z]{2}$' });
/** A non-negative counter. */
export const count = () => t.int64({ min: 0 });
/** A non-negative amount of money in US dollars. */
export const usd = () => t.float64({ min: 0 });

export const PLATFORMS = ['instagram', 'tiktok', 'youtube'] as const;
export const TIERS = ['nano', 'micro', 'mid', 'macro', 'mega'] as const;
export const NICHES = ['fashion', 'beauty', 'fitness', 'food', 'travel', 'tech', 'gaming', 'parenting', 'finance', 'lifestyle'] as const;
export const OBJECTIVES = ['awareness', 'consideration', 'conversion'] as const;
export const KPI_METRICS = ['cpm', 'cpe', 'roas'] as const;
export const POST_TYPES = ['image', 'carousel', 'reel', 'video', 'short'] as const;
export const FRAUD_TYPES = [
  'bought_followers',
  'follow_unfollow',
  'bought_likes',
  'engagement_pod',
  'bot_comments',
  'low_credibility_audience',
] as const;

export type Platform = (typeof PLATFORMS)[number];
export type Tier = (typeof TIERS)[number];
export type Niche = (typeof NICHES)[number];
export type Objective = (typeof OBJECTIVES)[number];
export type KpiMetric = (typeof KPI_METRICS)[number];
export type PostType = (typeof POST_TYPES)[number];
export type FraudType = (typeof FRAUD_TYPES)[number];
