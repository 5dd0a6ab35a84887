/** The event types of the KOL world, one contract per file, in the order their tables are listed. */
import type { AnyContract, RowOfContract } from '../define.ts';
import { audienceSamples } from './audience-samples.ts';
import { brands } from './brands.ts';
import { campaignOutcomes } from './campaign-outcomes.ts';
import { campaignResults } from './campaign-results.ts';
import { campaigns } from './campaigns.ts';
import { comments } from './comments.ts';
import { creators } from './creators.ts';
import { deadLetters } from './dead-letter.ts';
import { engagementObservations } from './engagement-observations.ts';
import { followerSnapshots } from './follower-snapshots.ts';
import { posts } from './posts.ts';
import { trustLabels } from './trust-labels.ts';

export * from './common.ts';
export {
  audienceSamples,
  brands,
  campaignOutcomes,
  campaignResults,
  campaigns,
  comments,
  creators,
  deadLetters,
  engagementObservations,
  followerSnapshots,
  posts,
  trustLabels,
};

/** Every event type the generator writes and replay publishes, including the two ground-truth tables. */
export const EVENT_CONTRACTS = Object.freeze([
  creators,
  followerSnapshots,
  posts,
  engagementObservations,
  comments,
  audienceSamples,
  brands,
  campaigns,
  campaignResults,
  trustLabels,
  campaignOutcomes,
] as const);

/** The names of {@link EVENT_CONTRACTS}: also the file names (`<name>.jsonl`) and topic stems. */
export type EventType = (typeof EVENT_CONTRACTS)[number]['name'];

/** The contract of an event type. */
export type EventContract<T extends EventType> = Extract<(typeof EVENT_CONTRACTS)[number], { readonly name: T }>;

/**
 * The row type of an event type, inferred from its contract.
 *
 * @example const row: EventRow<'follower_snapshots'> = { event_id: 'fs-1', creator_id: 'cr-1', … };
 */
export type EventRow<T extends EventType> = RowOfContract<EventContract<T>>;

/** Every contract, the dead-letter envelope included. */
export const ALL_CONTRACTS: readonly AnyContract[] = Object.freeze([...EVENT_CONTRACTS, deadLetters]);

const BY_NAME = new Map<string, AnyContract>(ALL_CONTRACTS.map((c) => [c.name, c]));

/** @example contractByName('posts')?.topic // 'kol.posts.v1' */
export function contractByName(name: string): AnyContract | undefined {
  return BY_NAME.get(name);
}
