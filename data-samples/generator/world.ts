import { EVENT_CONTRACTS, type EventRow, type EventType } from '../../sdk/contracts/index.ts';
import { createBrands } from './brands.ts';
import type { WorldContext } from './context.ts';
import { CreatorSim } from './creator.ts';
import { DayBucket } from './day-bucket.ts';
import { IdSpace } from './ids.ts';
import type { WorldOptions } from './options.ts';
import { compileLineWriter, type LineWriter } from './serialize.ts';
import { DAY_MS, TimeFormat } from './time.ts';

/** Any event row. */
export type AnyEventRow = EventRow<EventType>;

/** Where a world's events go: files, memory, a test's counters. */
export interface EventSink {
  /**
   * The events of one type that became known on one day, as JSON Lines (UTF-8, one object per line in the
   * contract's column order) sorted by (time known, event_id): the event time, or for bitemporal contracts
   * the observation time (`knownAtColumn`). Called once per type per day, days in
   * order, so a file written by appending is sorted as a whole. `lines` is reused after the call returns:
   * a sink that keeps it must copy it.
   */
  write(type: EventType, lines: Buffer, count: number): void;
}

export interface GenerateProgress {
  readonly day: number;
  readonly days: number;
  readonly events: number;
}

export interface GenerateSummary {
  readonly rows: Readonly<Record<EventType, number>>;
  readonly events: number;
}

const TYPES = EVENT_CONTRACTS.map((c) => c.name);

/**
 * Simulates a world and streams its events to `sink`, day by day. Within a day every creator is stepped in
 * turn (creator by creator) from its own random streams. Each event is serialised as soon as it is made and
 * parked in the bucket of the day its event time falls on (a post's observations reach a week ahead); when
 * a day is done its buckets are sorted and handed over. Memory: the creators' small state plus about a week
 * of pending bytes, whatever the scale.
 *
 * @example
 * const counts: Record<string, number> = {};
 * await generateWorld(worldOptions('xs', 42), { write: (type, _lines, n) => (counts[type] = (counts[type] ?? 0) + n) });
 */
export async function generateWorld(
  options: WorldOptions,
  sink: EventSink,
  onProgress?: (p: GenerateProgress) => void,
): Promise<GenerateSummary> {
  const startMs = Date.parse(`${options.start}T00:00:00.000Z`);
  if (!Number.isFinite(startMs)) throw new RangeError(`start '${options.start}' is not a date YYYY-MM-DD`);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${options.seed}`);
  for (const c of EVENT_CONTRACTS) {
    if (Object.keys(c.columns)[0] !== 'event_id')
      throw new Error(`contract '${c.name}' must declare event_id first (lines are ordered by it)`);
  }
  const endMs = startMs + options.days * DAY_MS;
  const writers = new Map(EVENT_CONTRACTS.map((c) => [c.name as EventType, compileLineWriter(c)]));
  const pending = new Map<EventType, (DayBucket | undefined)[]>(TYPES.map((t) => [t, []]));
  const spare: DayBucket[] = [];
  let today = 0;
  const ctx: WorldContext = {
    options,
    startMs,
    endMs,
    ids: new IdSpace(options.seed),
    time: new TimeFormat(),
    emit(type, ms, row) {
      if (ms >= endMs) return; // not happened yet when history ends
      const offset = ms - startMs;
      const day = Math.floor(offset / DAY_MS);
      if (day < today) throw new Error(`internal: a ${type} event for day ${day} was emitted on day ${today}`);
      const buckets = pending.get(type) as (DayBucket | undefined)[];
      let bucket = buckets[day];
      if (bucket === undefined) {
        bucket = spare.pop() ?? new DayBucket();
        buckets[day] = bucket;
      }
      bucket.add(offset - day * DAY_MS, writers.get(type) as LineWriter, row);
    },
  };
  const brands = createBrands(ctx);
  const creators = Array.from({ length: options.creators }, (_, i) => new CreatorSim(ctx, i, brands));
  const rows = Object.fromEntries(TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  let events = 0;
  for (today = 0; today < options.days; today++) {
    for (const creator of creators) creator.step(today);
    for (const type of TYPES) {
      const buckets = pending.get(type) as (DayBucket | undefined)[];
      const bucket = buckets[today];
      buckets[today] = undefined;
      const count = bucket?.size ?? 0;
      sink.write(type, bucket === undefined ? Buffer.alloc(0) : bucket.drain(), count);
      if (bucket !== undefined) {
        // buckets are recycled with their arenas: fresh megabyte buffers every day kept the collector busy
        bucket.reset();
        spare.push(bucket);
      }
      rows[type] += count;
      events += count;
    }
    onProgress?.({ day: today + 1, days: options.days, events });
    // let a progress bar redraw and signals through; one tick per simulated day costs nothing
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { rows, events };
}
