import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TableRun } from '../../pipelines/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';
import { describeService } from '../services/int-support.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const CHILD = join(import.meta.dirname, 'kafka-lander-child.ts');
const lines = (name: string): string[] =>
  readFileSync(join(SAMPLE, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

describeService('kafka', 'bronze from Kafka, exactly once across kill -9', () => {
  const { brokers } = resolveConfig({ profile: 'cluster', allowMissingSecrets: true }).kafka;
  const kafka = new Kafka({ clientId: 'kol-test-bronze', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const run = `${process.pid}-${Date.now()}`;
  const topics = { brands: `kol-it-${run}.brands`, campaigns: `kol-it-${run}.campaigns` };
  const home = mkdtempSync(join(tmpdir(), 'kol-bronze-kafka-'));
  let published = { brands: 0, campaigns: 0, bad: 0 };

  const publish = async (topic: string, values: string[]): Promise<void> => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: values.map((value, i) => ({ key: String(i % 7), value })) });
    await producer.disconnect();
  };
  const lander = (crashAt?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', CHILD, home, JSON.stringify(topics), ...(crashAt ? [crashAt] : [])], {
      encoding: 'utf8',
      timeout: 300_000,
    });
  const landed = async () => {
    const lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
    try {
      const [r] = await lake.runner.rows(
        `SELECT
          (SELECT count(*) FROM lake.kol_bronze.brands WHERE source_topic = $b) AS brands,
          (SELECT count(*) FROM lake.kol_bronze.campaigns WHERE source_topic = $c) AS campaigns,
          (SELECT count(*) FROM lake.kol_bronze.dead_letters WHERE source_topic IN ($b, $c)) AS dead,
          (SELECT count(*) FROM (SELECT DISTINCT source_topic, source_partition, source_offset FROM lake.kol_bronze.brands
                                 UNION ALL SELECT DISTINCT source_topic, source_partition, source_offset FROM lake.kol_bronze.campaigns)) AS distinct_positions`,
        { b: topics.brands, c: topics.campaigns },
      );
      return { brands: Number(r?.brands), campaigns: Number(r?.campaigns), dead: Number(r?.dead), distinct: Number(r?.distinct_positions) };
    } finally {
      await lake.close();
    }
  };

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })) });
    await admin.disconnect();
    const brands = lines('brands');
    const campaigns = lines('campaigns');
    const bad = JSON.stringify({ ...JSON.parse(brands[0] as string), event_id: 'br-broken', registered_at: 'not a time' });
    await publish(topics.brands, [...brands, bad]);
    await publish(topics.campaigns, campaigns);
    published = { brands: brands.length, campaigns: campaigns.length, bad: 1 };
  }, 120_000);

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
    await admin.disconnect();
    rmSync(home, { recursive: true, force: true });
  });

  it('lands nothing when killed between writing and committing', async () => {
    const killed = lander('before-commit');
    expect(killed.signal).toBe('SIGKILL');
    expect(await landed()).toEqual({ brands: 0, campaigns: 0, dead: 0, distinct: 0 });
  }, 300_000);

  it('after a kill between the Iceberg commit and the consumer-group commit, the restart seeks past the landed offsets', async () => {
    const killed = lander('after-commit');
    expect(killed.signal).toBe('SIGKILL');
    const expected = {
      brands: published.brands,
      campaigns: published.campaigns,
      dead: published.bad,
      distinct: published.brands + published.campaigns,
    };
    expect(await landed()).toEqual(expected);
    const again = lander();
    expect(again.status, again.stderr).toBe(0);
    const runs = JSON.parse(again.stdout.trim().split('\n').at(-1) as string) as TableRun[];
    expect(runs.map((r) => r.rowsIn)).toEqual([0, 0]);
    expect(await landed()).toEqual(expected);
  }, 300_000);

  it('lands only the records published since, each with its topic, partition and offset', async () => {
    const more = lines('campaigns')
      .slice(0, 5)
      .map((l) => JSON.stringify({ ...JSON.parse(l), event_id: `${JSON.parse(l).event_id}-again` }));
    await publish(topics.campaigns, more);
    const r = lander();
    expect(r.status, r.stderr).toBe(0);
    const after = await landed();
    expect(after.campaigns).toBe(published.campaigns + 5);
    expect(after.distinct).toBe(published.brands + published.campaigns + 5);
    expect(after.dead).toBe(1);
  }, 300_000);
});
