import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { count, country, id } from './common.ts';

/** One follower of a creator, sampled, with the profile signals credibility scores use. */
export const audienceSamples = defineContract({
  name: 'audience_samples',
  version: 1,
  description: "One sampled follower of a creator: avatar, bio, the follower's own counters, account age, country.",
  key: 'creator_id',
  eventTime: 'sampled_at',
  columns: {
    event_id: id(),
    creator_id: id(),
    sampled_at: t.timestamp(),
    follower_id: id(),
    has_avatar: t.bool(),
    has_bio: t.bool(),
    followers: count(),
    following: count().describe('a mass follower follows more than 1,500 accounts'),
    posts: count(),
    account_age_days: count(),
    country: country(),
  },
});
