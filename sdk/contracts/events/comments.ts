import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { count, id, language } from './common.ts';

/** A sampled comment on a post; the text itself is not kept, only what trust signals need. */
export const comments = defineContract({
  name: 'comments',
  version: 1,
  description: 'A sampled comment on a post: author, time, a hash of the text (duplicates), emoji-only flag, language, length.',
  key: 'creator_id',
  eventTime: 'posted_at',
  columns: {
    event_id: id(),
    comment_id: id(),
    post_id: id(),
    creator_id: id(),
    author_id: id(),
    posted_at: t.timestamp(),
    text_hash: t.string({ pattern: '^[0-9a-f]{8,64}$' }).describe('hash of the normalised text: equal hashes are duplicate comments'),
    is_emoji_only: t.bool(),
    language: language(),
    length: count(),
  },
});
