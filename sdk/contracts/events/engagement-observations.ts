import { t } from '../../types/index.ts';
import { defineContract, notBefore } from '../define.ts';
import { count, id } from './common.ts';

/**
 * Bitemporal: the counters of one post as known at `observed_at`. The same post is observed several times
 * and its counters are revised; a point-in-time read takes the latest observation not after the cut-off.
 */
export const engagementObservations = defineContract({
  name: 'engagement_observations',
  version: 1,
  description: "A post's engagement counters as observed at observed_at (revised over time; bitemporal).",
  key: 'creator_id',
  eventTime: 'posted_at',
  observedTime: 'observed_at',
  columns: {
    event_id: id(),
    post_id: id(),
    creator_id: id(),
    posted_at: t.timestamp(),
    observed_at: t.timestamp(),
    likes: count(),
    comments: count(),
    shares: count(),
    saves: count(),
    views: count().optional().describe('video posts only'),
  },
  rules: [notBefore('observed_at', 'posted_at')],
});
