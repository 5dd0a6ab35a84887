import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { count, id } from './common.ts';

/** One daily reading of a creator's public counters. */
export const followerSnapshots = defineContract({
  name: 'follower_snapshots',
  version: 1,
  description: "A creator's public counters (followers, following, posts) read once a day.",
  key: 'creator_id',
  eventTime: 'captured_at',
  columns: {
    event_id: id(),
    creator_id: id(),
    snapshot_date: t.date(),
    captured_at: t.timestamp(),
    followers: count(),
    following: count(),
    posts_count: count(),
  },
});
