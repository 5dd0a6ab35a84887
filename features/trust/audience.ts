import { caseWhen, col, count, creator, defineFeatureSet, lit, mean } from '../../sdk/features/index.ts';
import { audienceSource } from '../sources.ts';

/**
 * Audience credibility from sampled followers: real accounts have avatars, bios, posts and age; bought or
 * bot audiences are "mass followers" (following > 1,500) or empty shells.
 */
export const creatorAudience = defineFeatureSet({
  name: 'creator_audience',
  version: 1,
  description: 'Shares of mass-following, empty and young accounts among sampled followers.',
  entity: creator,
  source: audienceSource,
  windows: ['35d', 'lifetime'],
  features: {
    sampled: count(),
    mass_following: mean(caseWhen([[col('following').gt(1500), lit(1)]], lit(0))),
    no_avatar: mean(caseWhen([[col('has_avatar'), lit(0)]], lit(1))),
    no_bio: mean(caseWhen([[col('has_bio'), lit(0)]], lit(1))),
    no_posts: mean(caseWhen([[col('posts').lt(3), lit(1)]], lit(0))),
    young: mean(caseWhen([[col('account_age_days').lt(90), lit(1)]], lit(0))),
    credibility: mean(caseWhen([[col('following').gt(1500).or(col('has_avatar').not()).or(col('posts').lt(3)), lit(0)]], lit(1))),
  },
});
