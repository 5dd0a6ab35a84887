import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { count, id, POST_TYPES } from './common.ts';

/** A creator published a post. */
export const posts = defineContract({
  name: 'posts',
  version: 1,
  description: 'A creator published a post; sponsored posts name their campaign.',
  key: 'creator_id',
  eventTime: 'posted_at',
  columns: {
    event_id: id(),
    post_id: id(),
    creator_id: id(),
    posted_at: t.timestamp(),
    post_type: t.enum(POST_TYPES),
    caption_length: count(),
    hashtags: t.list(t.string({ pattern: '^#[a-z0-9_]{1,40}$' })),
    is_sponsored: t.bool(),
    campaign_id: id().optional(),
  },
});
