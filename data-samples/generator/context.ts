import type { EventContract, EventRow, EventType } from '../../sdk/contracts/index.ts';
import type { ColumnType } from '../../sdk/types/index.ts';
import type { Id, IdSpace } from './ids.ts';
import type { WorldOptions } from './options.ts';
import type { TimeFormat } from './time.ts';

type Columns<T extends EventType> = EventContract<T>['columns'];

/**
 * A row as the simulation hands it over: the contract's row, except that timestamps may be epoch
 * milliseconds and strings may be {@link Id}s, which the line writer prints straight into the output bytes
 * (a string per timestamp and per id was a large share of the generator's time).
 */
export type SimRow<T extends EventType> = {
  readonly [K in keyof EventRow<T>]: K extends keyof Columns<T>
    ? Columns<T>[K] extends ColumnType<'timestamp', unknown, boolean>
      ? EventRow<T>[K] | number
      : Columns<T>[K] extends ColumnType<'string', unknown, boolean>
        ? EventRow<T>[K] | Id
        : EventRow<T>[K]
    : EventRow<T>[K];
};

/** What every part of the simulation shares: options, the clock of the world, ids, and the event outlet. */
export interface WorldContext {
  readonly options: WorldOptions;
  readonly startMs: number;
  /** The end of history (exclusive): events later than this have not happened yet and are not written. */
  readonly endMs: number;
  readonly ids: IdSpace;
  readonly time: TimeFormat;
  /**
   * Hands over an event that became known at `ms` (its event time, or its observation time when the
   * contract is bitemporal); never earlier than the day being simulated.
   */
  emit<T extends EventType>(type: T, ms: number, row: SimRow<T>): void;
}

/** Stream ids for `Rng.from(seed, entity, purpose)`: one independent stream per purpose. */
export const PURPOSE = Object.freeze({
  profile: 1,
  fraud: 2,
  followers: 3,
  posts: 4,
  engagement: 5,
  comments: 6,
  audience: 7,
  campaigns: 8,
  brands: 9,
  labels: 10,
});

/** Kinds of entities for `IdSpace.code` and sequence keys. */
export const ENTITY = Object.freeze({ creator: 1, brand: 2, pod: 3, bots: 4 });

/** One id sequence per event type (and per kind of sub-entity), so ids never collide across types. */
export const SEQ = Object.freeze({
  creators: 11,
  follower_snapshots: 12,
  posts: 13,
  engagement_observations: 14,
  comments: 15,
  audience_samples: 16,
  brands: 17,
  campaigns: 18,
  campaign_results: 19,
  trust_labels: 20,
  campaign_outcomes: 21,
  post_id: 31,
  comment_id: 32,
  campaign_id: 33,
  follower_id: 34,
  author_id: 35,
});
