import { creator, defineFeatureSet, last } from '../sdk/features/index.ts';
import { creatorsSource } from './sources.ts';

/** What a creator's profile says, as registered by as_of: the cohort keys (platform, tier) and the price. */
export const creatorProfile = defineFeatureSet({
  name: 'creator_profile',
  version: 1,
  description: 'Platform, follower tier, niche, country, language and price per post.',
  entity: creator,
  source: creatorsSource,
  windows: ['lifetime'],
  features: {
    platform: last('platform'),
    tier: last('tier'),
    niche: last('niche'),
    country: last('country'),
    language: last('language'),
    price: last('price_per_post_usd'),
  },
});
