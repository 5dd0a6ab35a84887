import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldOptions, writeWorld } from '../../data-samples/generator/index.ts';
import { contractByName, EVENT_CONTRACTS, knownAtColumn, validate } from '../../sdk/contracts/index.ts';
import { IssuesError } from '../../sdk/errors/index.ts';
import { DEAD_LETTER_TOPIC, fakeClock, LineReader, memoryPublisher, type OutMessage, parseSpeed, replay } from '../../sdk/ingest/index.ts';
import { folderWithBadRecords, type Planted } from './folder.ts';

const temp = mkdtempSync(join(tmpdir(), 'kol-replay-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const detectedAt = () => '2024-06-01T00:00:00.000Z';

describe('replay (in memory)', () => {
  const clean = join(temp, 'clean');
  let messages: OutMessage[];
  let topics: Set<string>;
  let summary: Awaited<ReturnType<typeof replay>>;

  beforeAll(async () => {
    await writeWorld(worldOptions('xs', 5, { creators: 10, days: 20 }), clean);
    const publisher = memoryPublisher();
    summary = await replay({ from: clean, publisher, detectedAt, batchMessages: 500 });
    messages = publisher.messages;
    topics = publisher.topics;
  }, 60_000);

  it('publishes every event to its topic, keyed by the contract key, with nothing dead-lettered', () => {
    expect(summary.deadLettered).toBe(0);
    expect(topics).toEqual(new Set([...EVENT_CONTRACTS.map((c) => c.topic), DEAD_LETTER_TOPIC]));
    expect(messages.length).toBe(summary.events);
    expect(summary.batches).toBeGreaterThan(1);
    for (const m of messages) {
      const contract = EVENT_CONTRACTS.find((c) => c.topic === m.topic);
      expect(contract, m.topic).toBeDefined();
      const row = JSON.parse(m.value) as Record<string, unknown>;
      expect(m.key).toBe(row[contract?.key as string]);
      expect(m.timestamp).toBe(Date.parse(row[knownAtColumn(contract as (typeof EVENT_CONTRACTS)[number])] as string));
    }
  });

  it('merges all event types in the order they became known', () => {
    for (let i = 1; i < messages.length; i++)
      expect((messages[i] as OutMessage).timestamp).toBeGreaterThanOrEqual((messages[i - 1] as OutMessage).timestamp);
    // campaign events are keyed by campaign, creator events by creator
    expect(messages.find((m) => m.topic === 'kol.campaign_results.v1')?.key).toMatch(/^cp-/);
    expect(messages.find((m) => m.topic === 'kol.posts.v1')?.key).toMatch(/^cr-/);
  });

  it('replays at a multiple of real time: the fake clock advances by the event-time span over the factor', async () => {
    const clock = fakeClock();
    const publisher = memoryPublisher();
    const paced = await replay({ from: clean, publisher, clock, speed: parseSpeed('3600x'), detectedAt });
    const span = Date.parse(paced.lastEventAt as string) - Date.parse(paced.firstEventAt as string);
    expect(clock.now()).toBeCloseTo(span / 3600, 0);
    expect(paced.seconds).toBeCloseTo(span / 3600 / 1000, 3);
    expect(publisher.messages.map((m) => m.value)).toEqual(messages.map((m) => m.value));
    // waiting sends what is due first, so batches are small and many
    expect(paced.batches).toBeGreaterThan(summary.batches);
  });

  it('parses speeds and refuses nonsense', () => {
    expect(parseSpeed('max')).toEqual({ kind: 'max' });
    expect(parseSpeed('10x')).toEqual({ kind: 'multiple', factor: 10 });
    expect(parseSpeed('0.5x')).toEqual({ kind: 'multiple', factor: 0.5 });
    for (const bad of ['10', 'fast', '0x', '-2x', 'x']) expect(() => parseSpeed(bad)).toThrow(IssuesError);
  });
});

describe('replay with bad records', () => {
  const dir = join(temp, 'dirty');
  let good: Map<string, string[]>;
  let bad: Planted[];
  let publisher: ReturnType<typeof memoryPublisher>;
  let summary: Awaited<ReturnType<typeof replay>>;

  beforeAll(async () => {
    ({ good, bad } = await folderWithBadRecords(dir, 17, 25));
    publisher = memoryPublisher();
    summary = await replay({ from: dir, publisher, detectedAt, batchMessages: 300 });
  }, 60_000);

  it('sends every failed record to the dead-letter topic with its reasons, contract and original payload', () => {
    const letters = publisher.messages
      .filter((m) => m.topic === DEAD_LETTER_TOPIC)
      .map((m) => JSON.parse(m.value) as Record<string, unknown>);
    expect(summary.deadLettered).toBe(bad.length);
    expect(letters).toHaveLength(bad.length);
    for (const letter of letters)
      expect(validate(contractByName('deadletter') as NonNullable<ReturnType<typeof contractByName>>, letter).ok).toBe(true);
    const byPayload = new Map(letters.map((l) => [`${l.contract}\u0000${l.payload}`, l]));
    for (const b of bad) {
      const letter = byPayload.get(`${b.type}\u0000${b.line}`);
      expect(letter, `${b.type}: ${b.mutation}`).toBeDefined();
      expect(letter?.contract_version).toBe('1.0');
      expect(letter?.topic).toBe(`kol.${b.type}.v1`);
      expect(
        ((letter?.reasons ?? []) as string[]).some((r) => r.startsWith(`${b.path || '(record)'}: `)),
        `${b.mutation}: ${String(letter?.reasons)}`,
      ).toBe(true);
      expect(letter?.source).toMatch(new RegExp(`^${b.type}\\.jsonl:\\d+$`));
    }
    expect(Object.values(summary.deadLetters).reduce((a, b) => a + b, 0)).toBe(bad.length);
    expect(Object.keys(summary.reasons).length).toBeGreaterThan(5);
  });

  it('still publishes every good record, once, to its topic: nothing dropped', () => {
    for (const [type, lines] of good) {
      const sent = publisher.messages.filter((m) => m.topic === `kol.${type}.v1`).map((m) => m.value);
      expect(sent, type).toEqual(lines);
    }
    const total = [...good.values()].reduce((n, l) => n + l.length, 0) + bad.length;
    expect(summary.events).toBe(total);
    expect(publisher.messages).toHaveLength(total);
  });
});

describe('reading files', () => {
  it('splits lines across chunk boundaries, multi-byte characters included', async () => {
    const path = join(temp, 'lines.txt');
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i}:${'é漢🙂'.repeat(i % 17)}${'x'.repeat(i % 50)}`);
    writeFileSync(path, `${lines.join('\r\n')}`);
    const reader = await LineReader.open(path);
    const read: string[] = [];
    while (!reader.finished) {
      if (reader.empty) await reader.fill();
      else read.push(reader.next());
    }
    expect(read).toEqual(lines);
  });

  it('dead-letters lines that are not JSON and skips blank lines', async () => {
    const dir = join(temp, 'raw');
    mkdirSync(dir, { recursive: true });
    const brand =
      '{"event_id":"br-1","brand_id":"br-1","registered_at":"2024-01-01T00:00:00.000Z","name":"A","category":"food","country":"FR","language":"fr"}';
    writeFileSync(join(dir, 'brands.jsonl'), `${brand}\n\n{not json\n`);
    const publisher = memoryPublisher();
    const s = await replay({ from: dir, publisher, detectedAt });
    expect(s.events).toBe(2);
    expect(s.deadLettered).toBe(1);
    const letter = JSON.parse((publisher.messages[1] as OutMessage).value) as { reasons: string[]; payload: string; source: string };
    expect(letter.payload).toBe('{not json');
    expect(letter.source).toBe('brands.jsonl:3');
    expect(letter.reasons[0]).toMatch(/^\(record\): not valid JSON/);
  });
});
