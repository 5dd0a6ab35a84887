/**
 * Replay throughput: events per second published to the local broker by `replay` (read, validate, merge,
 * publish with the idempotent producer), beside kafkajs alone sending the same messages (the client's own
 * ceiling) and the broker's ceiling measured by Kafka's ProducerPerformance (`kafka-producer-perf-test`)
 * from the same jars, same record count and size, acks=all with idempotence. Scratch topics, deleted after.
 *
 *   npm run bench:replay              # KOL_BENCH_SCALE=xs|s|m (default s), KOL_BENCH_RUNS=3
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { EVENT_CONTRACTS } from '../../sdk/contracts/index.ts';
import { kafkaPublisher, replay } from '../../sdk/ingest/index.ts';
import { devServicesConfig, findJava, kafka as kafkaService, serviceContext, servicesUp } from '../../sdk/services/index.ts';
import { type ScaleName, worldOptions, writeWorld } from '../generator/index.ts';
import { figure, peakRssMiB, pinToOneCore, printTable, ratio, repeat } from './harness.ts';

const run = promisify(execFile);
const scale = (process.env.KOL_BENCH_SCALE ?? 's') as ScaleName;
const runs = Number(process.env.KOL_BENCH_RUNS ?? 3);
const BATCH = 2000;
const config = devServicesConfig();
const brokers = [...config.kafka.brokers];
const pinning = pinToOneCore();
const core = pinning.match(/core (\d+)/)?.[1];
const suffix = `bench${process.pid}`;
const scratch = (topic: string) => `${topic}.${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'kol-bench-replay-'));
const kafka = new Kafka({ clientId: 'kol-bench', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();

const up = await servicesUp(['kafka'], { config, log: (l) => process.stderr.write(`[services] ${l}\n`) });
if (!up.every((r) => r.outcome === 'started' || r.outcome === 'running'))
  throw new Error(`kafka is not up: ${up.map((r) => r.detail).join('; ')}`);
await admin.connect();

try {
  const world = await writeWorld(worldOptions(scale, 42), join(dir, 'world'));
  const events = world.events;
  const messages = EVENT_CONTRACTS.flatMap((c) =>
    readFileSync(join(dir, 'world', `${c.name}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((value) => ({ topic: scratch(c.topic), key: (JSON.parse(value) as Record<string, string>)[c.key] as string, value })),
  );
  const recordSize = Math.round(messages.reduce((n, m) => n + Buffer.byteLength(m.value), 0) / messages.length);

  // ours: the whole replay path
  const publisher = await kafkaPublisher({ brokers, clientId: 'kol-bench', partitions: 3 });
  const ours = await repeat(runs, 1, async () => {
    const s = await replay({ from: join(dir, 'world'), publisher, topic: scratch, batchMessages: BATCH });
    if (s.deadLettered !== 0) throw new Error('the benchmark world must be clean');
    return s.eventsPerSecond;
  });
  await publisher.close();

  // kafkajs alone: the same messages, already in memory, same batches, same idempotent producer
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const bare = await repeat(runs, 1, async () => {
    const t0 = performance.now();
    for (let i = 0; i < messages.length; i += BATCH) {
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const m of messages.slice(i, i + BATCH)) {
        const list = byTopic.get(m.topic) ?? [];
        list.push({ key: m.key, value: m.value });
        byTopic.set(m.topic, list);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    }
    return messages.length / ((performance.now() - t0) / 1000);
  });
  await producer.disconnect();

  // the broker's ceiling: Kafka's own producer benchmark from the jars the services module installed
  const java = findJava({ minMajor: 17, purpose: 'ProducerPerformance' });
  const lib = join(serviceContext(config, 'kafka').cacheDir, kafkaService.version, 'lib');
  const perfTopic = scratch('kol.perf');
  await admin.createTopics({ topics: [{ topic: perfTopic, numPartitions: 3 }], waitForLeaders: true });
  const perf = await repeat(runs, 1, async () => {
    const args = [
      '-Xmx512m',
      '-cp',
      `${lib}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      perfTopic,
      '--num-records',
      String(events),
      '--record-size',
      String(recordSize),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${brokers.join(',')}`,
      'acks=all',
      'enable.idempotence=true',
    ];
    const { stdout } =
      core === undefined
        ? await run(java.java, args, { maxBuffer: 1 << 24 })
        : await run('taskset', ['-c', core, java.java, ...args], { maxBuffer: 1 << 24 });
    const m = /(\d+) records sent, ([\d.]+) records\/sec/.exec(stdout.trim().split('\n').pop() ?? '');
    if (m === null) throw new Error(`unexpected ProducerPerformance output: ${stdout.slice(-500)}`);
    return Number(m[2]);
  });
  const javaVersion = (await run(java.java, ['-version']).then((r) => r.stderr)).split('\n')[0];
  const kafkajsVersion = (
    JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'kafkajs', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  printTable(
    `Replay to Kafka ${kafkaService.version} on ${brokers.join(',')}: ${events.toLocaleString('en-US')} events of ${recordSize} B (scale ${scale}), acks=all, idempotent`,
    [
      {
        what: 'kol-sdk ingest replay (read + validate + merge + publish)',
        'events/s': figure(ours),
        'vs perf-test': ratio(ours.median, perf.median),
      },
      {
        what: `kafkajs ${kafkajsVersion} alone, same messages and batches`,
        'events/s': figure(bare),
        'vs perf-test': ratio(bare.median, perf.median),
      },
      { what: 'ceiling: ProducerPerformance (Java client)', 'events/s': figure(perf), 'vs perf-test': '1.00×' },
    ],
  );
  process.stdout.write(
    `\nours/kafkajs ${ratio(ours.median, bare.median)} · batch ${BATCH} messages · peak RSS ${peakRssMiB()} MiB · node ${process.versions.node} · kafkajs ${kafkajsVersion} · ${javaVersion} · ${pinning} (the broker is not pinned)\n`,
  );
} finally {
  const existing = await admin.listTopics();
  await admin.deleteTopics({ topics: existing.filter((t) => t.endsWith(`.${suffix}`)) }).catch(() => {});
  await admin.disconnect();
  rmSync(dir, { recursive: true, force: true });
}
