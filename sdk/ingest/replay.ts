import { type Clock, systemClock } from './clock.ts';
import { DEAD_LETTER_TOPIC, deadLetterMessage } from './dead-letter.ts';
import { Merge } from './merge.ts';
import type { OutMessage, Publisher } from './publisher.ts';
import type { SourceRecord } from './source.ts';
import { sourceFiles } from './source.ts';
import type { ReplaySpeed } from './speed.ts';

export interface ReplayOptions {
  /** A generated folder (`<type>.jsonl` files, usually with `manifest.json`). */
  readonly from: string;
  readonly publisher: Publisher;
  /** `max` (default) or a multiple of real time. */
  readonly speed?: ReplaySpeed;
  readonly clock?: Clock;
  /** Messages per batch at most (one `sendBatch` each; kafkajs groups a batch in quadratic time, keep it modest). */
  readonly batchMessages?: number;
  /** Bytes per batch at most: the broker refuses a record batch above 1 MB per partition. */
  readonly batchBytes?: number;
  /** When dead letters were detected (ISO-8601); the wall clock by default. */
  readonly detectedAt?: () => string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Maps each contract topic (dead letters included) to the topic used; benchmarks use scratch topics. */
  readonly topic?: (topic: string) => string;
}

export interface ReplaySummary {
  readonly files: number;
  /** Records read, valid or not. */
  readonly events: number;
  /** Messages published per topic, dead letters included. */
  readonly published: Readonly<Record<string, number>>;
  readonly deadLettered: number;
  /** Dead letters per contract. */
  readonly deadLetters: Readonly<Record<string, number>>;
  /** Dead letters per reason (the path and reason of each problem, counted once per record). */
  readonly reasons: Readonly<Record<string, number>>;
  readonly batches: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Event-time span replayed (ISO-8601), null when empty. */
  readonly firstEventAt: string | null;
  readonly lastEventAt: string | null;
}

/** A short label for a problem: its path and the kind of reason, without the offending value. */
function reasonLabel(record: SourceRecord): string[] {
  return [...new Set(record.problems.map((p) => `${record.contract.name}.${p.path || '(record)'}: ${p.reason.split(/,? got |: /)[0]}`))];
}

/**
 * Publishes every event of a generated folder, all types merged in the order they became known, each to
 * its topic `kol.<type>.v1` keyed by its contract's key. Records that fail their contract go to
 * `kol.deadletter.v1` with every reason, the contract and version and the original line; nothing is
 * dropped. Messages go out in batches (one `sendBatch` each); at a multiple of real time a batch is sent
 * when the next event is not due yet, then replay sleeps until it is.
 *
 * @example
 * const publisher = await kafkaPublisher({ brokers: config.kafka.brokers, clientId: 'kol-sdk' });
 * const summary = await replay({ from: 'data-samples/xs', publisher, speed: parseSpeed('max') });
 * await publisher.close();
 */
export async function replay(options: ReplayOptions): Promise<ReplaySummary> {
  const clock = options.clock ?? systemClock;
  const speed = options.speed ?? { kind: 'max' };
  const batchMessages = options.batchMessages ?? 2000;
  const batchBytes = options.batchBytes ?? 900_000;
  const detectedAt = options.detectedAt ?? (() => new Date().toISOString());
  const files = sourceFiles(options.from);
  if (files.length === 0) throw new Error(`no event files in ${options.from} (expected manifest.json or <type>.jsonl files)`);
  const total = files.reduce((n, f) => n + (f.rows ?? 0), 0);
  const topicOf = options.topic ?? ((t: string) => t);
  const topics = new Map([...files.map((f) => f.contract.topic), DEAD_LETTER_TOPIC].map((t) => [t, topicOf(t)]));
  await options.publisher.ensureTopics([...topics.values()]);

  const published: Record<string, number> = {};
  const deadLetters: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  let events = 0;
  let deadLettered = 0;
  let batches = 0;
  let batch: OutMessage[] = [];
  let bytes = 0;
  let first: number | null = null;
  let last: number | null = null;
  const started = clock.now();

  // One batch in flight while the next is read and validated: the producer keeps one request in flight
  // anyway (idempotence), so this overlaps reading with the broker's round trip without reordering.
  let inFlight: Promise<void> | null = null;
  const settle = async () => {
    const pending = inFlight;
    inFlight = null;
    if (pending !== null) await pending;
  };
  const flush = async (wait: boolean) => {
    if (batch.length > 0) {
      const out = batch;
      batch = [];
      bytes = 0;
      await settle();
      const sent = options.publisher.publish(out).then(() => {
        batches++;
        for (const m of out) published[m.topic] = (published[m.topic] ?? 0) + 1;
        options.onProgress?.(events, total);
      });
      sent.catch(() => {}); // observed by the next settle()
      inFlight = sent;
    }
    if (wait) await settle();
  };

  const merge = await Merge.open(files);
  try {
    for (;;) {
      const next = merge.next();
      const record = next instanceof Promise ? await next : next;
      if (record === null) break;
      events++;
      if (Number.isFinite(record.time)) {
        if (first === null) first = record.time;
        last = record.time;
        if (speed.kind === 'multiple') {
          const due = started + (record.time - first) / speed.factor;
          if (due > clock.now()) {
            await flush(true);
            const wait = due - clock.now();
            if (wait > 0) await clock.sleep(wait);
          }
        }
      }
      let message: OutMessage;
      if (record.problems.length === 0 && record.key !== null) {
        message = { topic: topics.get(record.contract.topic) as string, key: record.key, value: record.line, timestamp: record.time };
      } else {
        const letter = deadLetterMessage(record, detectedAt());
        message = { ...letter, topic: topics.get(DEAD_LETTER_TOPIC) as string };
        deadLettered++;
        deadLetters[record.contract.name] = (deadLetters[record.contract.name] ?? 0) + 1;
        for (const label of reasonLabel(record)) reasons[label] = (reasons[label] ?? 0) + 1;
      }
      batch.push(message);
      bytes += message.value.length + message.key.length + 64;
      if (batch.length >= batchMessages || bytes >= batchBytes) await flush(false);
    }
    await flush(true);
  } finally {
    await Promise.allSettled([merge.close(), settle()]);
  }
  const seconds = (clock.now() - started) / 1000;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    files: files.length,
    events,
    published,
    deadLettered,
    deadLetters,
    reasons,
    batches,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
    firstEventAt: iso(first),
    lastEventAt: iso(last),
  };
}
