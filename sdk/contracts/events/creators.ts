import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { country, id, language, NICHES, PLATFORMS, TIERS, usd } from './common.ts';

/** A creator's profile as captured when tracking started. */
export const creators = defineContract({
  name: 'creators',
  version: 1,
  description: 'A creator profile, captured when the platform started tracking the creator.',
  key: 'creator_id',
  eventTime: 'registered_at',
  columns: {
    event_id: id(),
    creator_id: id(),
    registered_at: t.timestamp(),
    handle: t.string({ pattern: '^[a-z0-9_.]{1,40}$' }),
    platform: t.enum(PLATFORMS),
    tier: t.enum(TIERS).describe('follower tier at registration: nano 1–10k, micro 10–100k, mid 100–500k, macro 500k–1M, mega >1M'),
    niche: t.enum(NICHES),
    country: country(),
    language: language(),
    account_created_on: t.date(),
    price_per_post_usd: usd().describe('asking price of one sponsored post'),
  },
});
