import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { EVENT_CONTRACTS, knownAtColumn } from '../../sdk/contracts/index.ts';
import { DEAD_LETTER_TOPIC, kafkaPublisher, replay } from '../../sdk/ingest/index.ts';
import { describeService } from '../services/int-support.ts';
import { folderWithBadRecords, type Planted } from './folder.ts';

interface Consumed {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly timestamp: number;
}

const { brokers } = resolveConfig({ profile: 'cluster', allowMissingSecrets: true }).kafka;
const kafka = new Kafka({ clientId: 'kol-test-replay', brokers: [...brokers], logLevel: logLevel.NOTHING });
const topics = [...EVENT_CONTRACTS.map((c) => c.topic), DEAD_LETTER_TOPIC];
const temp = mkdtempSync(join(tmpdir(), 'kol-replay-int-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** End offsets of every partition of `topics` (topics that do not exist yet count as empty). */
async function endOffsets(): Promise<Map<string, Map<number, string>>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const out = new Map<string, Map<number, string>>();
    for (const topic of topics) {
      out.set(topic, new Map(existing.has(topic) ? (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]) : []));
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Every message written to `topics` between two sets of end offsets, read back by seeking a fresh consumer. */
async function consumeBetween(before: Map<string, Map<number, string>>, after: Map<string, Map<number, string>>): Promise<Consumed[]> {
  let expected = 0;
  for (const [topic, partitions] of after) {
    for (const [partition, end] of partitions) expected += Number(end) - Number(before.get(topic)?.get(partition) ?? '0');
  }
  // a fresh group; seeks (not committed offsets, which make the broker wait out a rebalance) set the start
  const consumer = kafka.consumer({ groupId: `kol-test-replay-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: false });
  const got: Consumed[] = [];
  const done = new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          const end = Number(after.get(batch.topic)?.get(batch.partition) ?? 0);
          for (const m of batch.messages) {
            if (Number(m.offset) >= end) continue;
            got.push({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key?.toString() ?? '',
              value: m.value?.toString() ?? '',
              timestamp: Number(m.timestamp),
            });
          }
          if (got.length >= expected) resolve();
        },
      })
      .catch(reject);
  });
  for (const [topic, partitions] of after) {
    for (const partition of partitions.keys()) consumer.seek({ topic, partition, offset: before.get(topic)?.get(partition) ?? '0' });
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumed ${got.length} of ${expected}`)), 60_000);
  });
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return got;
}

describeService('kafka', 'replay into the real Kafka', () => {
  let good: Map<string, string[]>;
  let bad: Planted[];
  let consumed: Consumed[];
  let summary: Awaited<ReturnType<typeof replay>>;

  beforeAll(async () => {
    const dir = join(temp, 'world');
    ({ good, bad } = await folderWithBadRecords(dir, 23, 20));
    const before = await endOffsets();
    const publisher = await kafkaPublisher({ brokers, clientId: 'kol-test-replay', partitions: 3 });
    try {
      summary = await replay({ from: dir, publisher, batchMessages: 700 });
    } finally {
      await publisher.close();
    }
    consumed = await consumeBetween(before, await endOffsets());
  });

  it('lands every good record once in its topic, byte for byte, keyed by its contract key', () => {
    for (const contract of EVENT_CONTRACTS) {
      const lines = good.get(contract.name) ?? [];
      const got = consumed.filter((m) => m.topic === contract.topic);
      expect([...got.map((m) => m.value)].sort(), contract.name).toEqual([...lines].sort());
      for (const m of got) expect(m.key).toBe((JSON.parse(m.value) as Record<string, string>)[contract.key]);
    }
    expect(summary.events).toBe([...good.values()].reduce((n, l) => n + l.length, 0) + bad.length);
  });

  it('lands every fuzzed bad record in the dead-letter topic with its reasons and original payload', () => {
    const letters = consumed
      .filter((m) => m.topic === DEAD_LETTER_TOPIC)
      .map((m) => ({ ...(JSON.parse(m.value) as Record<string, unknown>), key: m.key }) as Record<string, unknown>);
    expect(letters).toHaveLength(bad.length);
    expect(summary.deadLettered).toBe(bad.length);
    const byPayload = new Map(letters.map((l) => [`${String(l.contract)}\u0000${String(l.payload)}`, l]));
    for (const b of bad) {
      const letter = byPayload.get(`${b.type}\u0000${b.line}`);
      expect(letter, `${b.type}: ${b.mutation}`).toBeDefined();
      expect(letter?.key).toBe(b.type);
      expect(letter?.contract_version).toBe('1.0');
      expect(
        ((letter?.reasons ?? []) as string[]).some((r) => r.startsWith(`${b.path || '(record)'}: `)),
        b.mutation,
      ).toBe(true);
    }
  });

  it('keeps event-time order per key, and stamps records with the time they became known', () => {
    const byPartition = new Map<string, Consumed[]>();
    for (const m of consumed) {
      if (m.topic === DEAD_LETTER_TOPIC) continue;
      const k = `${m.topic}/${m.partition}`;
      byPartition.set(k, [...(byPartition.get(k) ?? []), m]);
    }
    let keys = 0;
    for (const [where, messages] of byPartition) {
      const contract = EVENT_CONTRACTS.find((c) => where.startsWith(`${c.topic}/`));
      const column = knownAtColumn(contract as (typeof EVENT_CONTRACTS)[number]);
      const byKey = new Map<string, Consumed[]>();
      for (const m of [...messages].sort((a, b) => Number(a.offset) - Number(b.offset))) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
      for (const [key, list] of byKey) {
        keys++;
        const times = list.map((m) => Date.parse((JSON.parse(m.value) as Record<string, string>)[column] as string));
        for (let i = 1; i < times.length; i++) expect(times[i], `${where} ${key}`).toBeGreaterThanOrEqual(times[i - 1] as number);
        for (const [i, m] of list.entries()) expect(m.timestamp).toBe(times[i]);
      }
    }
    expect(keys).toBeGreaterThan(20);
    // one key always maps to one partition
    const partitionOf = new Map<string, number>();
    for (const m of consumed) {
      const k = `${m.topic}/${m.key}`;
      expect(partitionOf.get(k) ?? m.partition).toBe(m.partition);
      partitionOf.set(k, m.partition);
    }
  });

  it('creates missing topics with the requested partitions, and leaves existing ones alone', async () => {
    const topic = `kol.replay_test_${process.pid}_${Date.now()}.v1`;
    const publisher = await kafkaPublisher({ brokers, clientId: 'kol-test-replay', partitions: 4 });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await publisher.ensureTopics([topic, 'kol.posts.v1']);
      expect(publisher.created).toEqual([topic]);
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(meta.topics[0]?.partitions).toHaveLength(4);
      await publisher.ensureTopics([topic]);
      expect(publisher.created).toEqual([topic]);
    } finally {
      await publisher.close();
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
    }
  });
});
