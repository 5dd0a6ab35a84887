/** The trust feature library: is this creator's audience and engagement genuine? */
export { creatorAudience } from './audience.ts';
export { creatorComments } from './comments.ts';
export { creatorEngagement, creatorEngagementArrival } from './engagement.ts';
export { creatorFollowers } from './followers.ts';
export { creatorTrustView } from './view.ts';
