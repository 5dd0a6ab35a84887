import { type AnyContract, compileValidator, deadLetterEnvelope, deadLetters, type Validator } from '../sdk/contracts/index.ts';
import type { DuckDBLake } from '../sdk/engines/index.ts';
import { literal } from '../sdk/engines/index.ts';
import { currentSnapshotId, ensureTable, inOneCommit } from '../sdk/lake/index.ts';
import { BRONZE_COLUMNS, DEAD_LETTER_TABLE, SOURCE_COLUMNS } from './bronze.ts';
import { columnsDdl, lakeTable } from './sql.ts';
import type { TableRun } from './types.ts';

/** Where a fault is injected, to prove that a crash there neither loses nor duplicates a record. */
export type CrashPoint = 'before-commit' | 'after-commit';

export interface KafkaLandOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** The consumer group; its committed offsets are informational, the table's offsets are the truth. */
  readonly groupId: string;
  /** Each contract with the topic it is read from (`kol.<name>.v1` by default). */
  readonly sources: readonly { readonly contract: AnyContract; readonly topic?: string }[];
  readonly namespace: string;
  /** Kills this process (SIGKILL) at that point: for the crash tests only. */
  readonly crashAt?: CrashPoint;
}

type Offsets = Map<string, Map<number, bigint>>;

/** A run reads what was there when it started; if that takes longer than this, it fails without a commit. */
const READ_TIMEOUT_MS = 180_000;

/** Where to resume: one past the highest offset of each topic partition found in the table or its dead letters. */
async function tableOffsets(lake: DuckDBLake, namespace: string, tables: readonly string[], topics: readonly string[]): Promise<Offsets> {
  const list = topics.map(literal).join(', ');
  const parts = [...tables, DEAD_LETTER_TABLE].map(
    (t) =>
      `SELECT source_topic AS topic, source_partition AS p, max(source_offset) AS o FROM ${lakeTable(namespace, t)} WHERE source_topic IN (${list}) GROUP BY ALL`,
  );
  const rows = await lake.runner.rows(`SELECT topic, p, max(o) AS o FROM (${parts.join(' UNION ALL ')}) GROUP BY ALL`);
  const out: Offsets = new Map();
  for (const r of rows) {
    const m = out.get(String(r.topic)) ?? new Map<number, bigint>();
    m.set(Number(r.p), BigInt(r.o as bigint) + 1n);
    out.set(String(r.topic), m);
  }
  return out;
}

/**
 * Lands Kafka topics into bronze exactly once. It reads each partition from the offset after the last one
 * in the table up to the end offset seen at start, then writes the rows (with their topic, partition and
 * offset) and the dead letters in one Iceberg commit, and only then commits the consumer group. A crash
 * before the Iceberg commit lands nothing, so the next run reads the same records again; a crash after it
 * finds them in the table and starts after them.
 *
 * @example
 * await landKafka(lake, { brokers: ['127.0.0.1:9092'], clientId: 'kol-sdk', groupId: 'kol-bronze', sources: EVENT_CONTRACTS.map((contract) => ({ contract })), namespace: 'kol_bronze' });
 */
export async function landKafka(lake: DuckDBLake, options: KafkaLandOptions): Promise<TableRun[]> {
  const started = performance.now();
  const { Kafka, logLevel } = await import('kafkajs');
  const ns = options.namespace;
  const sources = options.sources.map((s) => ({ contract: s.contract, topic: s.topic ?? s.contract.topic }));
  const byTopic = new Map(
    sources.map((s) => [s.topic, { ...s, validator: compileValidator(s.contract) as Validator<Record<string, unknown>> }]),
  );
  for (const s of sources)
    await ensureTable(lake.runner, { namespace: ns, name: s.contract.name }, { columns: BRONZE_COLUMNS, partitionBy: 'dt' });
  await ensureTable(lake.runner, { namespace: ns, name: DEAD_LETTER_TABLE }, { columns: `${columnsDdl(deadLetters)}, ${SOURCE_COLUMNS}` });
  const resume = await tableOffsets(
    lake,
    ns,
    sources.map((s) => s.contract.name),
    sources.map((s) => s.topic),
  );

  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  });
  const admin = kafka.admin();
  await admin.connect();
  // What to read: [start, end) of each partition, the end fixed now so that a run is bounded.
  const ranges = new Map<string, { start: bigint; end: bigint }>();
  try {
    const existing = new Set(await admin.listTopics());
    for (const s of sources) {
      // A topic nothing was published to yet has nothing to land.
      if (!existing.has(s.topic)) continue;
      for (const p of await admin.fetchTopicOffsets(s.topic)) {
        const start = resume.get(s.topic)?.get(p.partition) ?? BigInt(p.low);
        if (BigInt(p.high) > start) ranges.set(`${s.topic}/${p.partition}`, { start, end: BigInt(p.high) });
      }
    }
  } finally {
    await admin.disconnect();
  }

  const conn = lake.connection;
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE kol_kafka_stage (tbl VARCHAR, event_id VARCHAR, event_time VARCHAR, payload VARCHAR, topic VARCHAR, part INTEGER, off BIGINT)',
  );
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE kol_kafka_dead (event_id VARCHAR, contract VARCHAR, contract_version VARCHAR, topic_to VARCHAR, detected_at VARCHAR, reasons VARCHAR, payload VARCHAR, source VARCHAR, original_event_id VARCHAR, topic VARCHAR, part INTEGER, off BIGINT)',
  );
  const good = await conn.createAppender('kol_kafka_stage', 'main', 'temp');
  const bad = await conn.createAppender('kol_kafka_dead', 'main', 'temp');
  const counts = new Map<string, { read: number; landed: number; dead: number }>(
    sources.map((s) => [s.topic, { read: 0, landed: 0, dead: 0 }]),
  );
  const detectedAt = new Date().toISOString();
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: 6000,
    rebalanceTimeout: 6000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 100,
  });
  const toCommit: { topic: string; partition: number; offset: string }[] = [];
  if (ranges.size > 0) {
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set(sources.map((s) => s.topic))], fromBeginning: true });
      const pending = new Set(ranges.keys());
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`Kafka did not deliver ${[...pending].join(', ')} within ${READ_TIMEOUT_MS / 1000} s; nothing was committed`)),
          READ_TIMEOUT_MS,
        );
        const done = resolve;
        resolve = () => {
          clearTimeout(timer);
          done();
        };
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const key = `${batch.topic}/${batch.partition}`;
              const range = ranges.get(key);
              const source = byTopic.get(batch.topic);
              if (!range || !source || !pending.has(key)) return;
              const c = counts.get(batch.topic) as { read: number; landed: number; dead: number };
              for (const m of batch.messages) {
                const off = BigInt(m.offset);
                if (off < range.start || off >= range.end) continue;
                const line = m.value?.toString('utf8') ?? '';
                c.read++;
                let value: unknown;
                let problems: readonly { path: string; reason: string }[];
                try {
                  value = JSON.parse(line);
                  const v = source.validator(value);
                  problems = v.ok ? [] : v.problems;
                } catch (error) {
                  problems = [{ path: '', reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` }];
                }
                if (problems.length === 0) {
                  const rec = value as Record<string, unknown>;
                  for (const v of [source.contract.name, String(rec.event_id), String(rec[source.contract.eventTime]), line, batch.topic])
                    good.appendVarchar(v);
                  good.appendInteger(batch.partition);
                  good.appendBigInt(off);
                  good.endRow();
                  c.landed++;
                } else {
                  const env = deadLetterEnvelope({
                    contract: source.contract,
                    problems,
                    payload: line,
                    source: `${batch.topic}/${batch.partition}/${off}`,
                    detectedAt,
                  });
                  for (const v of [
                    env.event_id,
                    env.contract,
                    env.contract_version,
                    env.topic,
                    env.detected_at,
                    JSON.stringify(env.reasons) ?? '[]',
                    env.payload,
                    env.source,
                  ])
                    bad.appendVarchar(v);
                  if (typeof env.original_event_id === 'string') bad.appendVarchar(env.original_event_id);
                  else bad.appendNull();
                  bad.appendVarchar(batch.topic);
                  bad.appendInteger(batch.partition);
                  bad.appendBigInt(off);
                  bad.endRow();
                  c.dead++;
                }
                if (off + 1n >= range.end) {
                  pending.delete(key);
                  toCommit.push({ topic: batch.topic, partition: batch.partition, offset: String(range.end) });
                  if (pending.size === 0) resolve();
                  return;
                }
              }
              // The range may end on a record no consumer sees (a transaction marker): the batch's end says so.
              if (BigInt(batch.lastOffset()) + 1n >= range.end && pending.delete(key)) {
                toCommit.push({ topic: batch.topic, partition: batch.partition, offset: String(range.end) });
                if (pending.size === 0) resolve();
              }
            },
          })
          .then(() => {
            for (const [key, r] of ranges) {
              const i = key.lastIndexOf('/');
              consumer.seek({ topic: key.slice(0, i), partition: Number(key.slice(i + 1)), offset: String(r.start) });
            }
          })
          .catch(reject);
      });
    } catch (error) {
      await consumer.disconnect().catch(() => {});
      throw error;
    }
  }
  good.closeSync();
  bad.closeSync();

  const statements: string[] = [];
  for (const s of sources) {
    const c = counts.get(s.topic);
    if (!c || c.landed === 0) continue;
    statements.push(
      `INSERT INTO ${lakeTable(ns, s.contract.name)} SELECT event_id, CAST(CAST(event_time AS TIMESTAMPTZ) AS DATE), payload, NULL, NULL, topic, part, off, now() FROM temp.main.kol_kafka_stage WHERE tbl = ${literal(s.contract.name)} ORDER BY part, off`,
    );
  }
  if ([...counts.values()].some((c) => c.dead > 0)) {
    statements.push(
      `INSERT INTO ${lakeTable(ns, DEAD_LETTER_TABLE)} SELECT event_id, contract, contract_version, topic_to, CAST(detected_at AS TIMESTAMPTZ), from_json(reasons, '["VARCHAR"]'), payload, source, original_event_id, NULL, NULL, topic, part, off, now() FROM temp.main.kol_kafka_dead ORDER BY topic, part, off`,
    );
  }
  if (statements.length > 0) {
    if (options.crashAt === 'before-commit') {
      await lake.runner.run('BEGIN TRANSACTION');
      for (const sql of statements) await lake.runner.run(sql);
      process.kill(process.pid, 'SIGKILL');
    }
    await inOneCommit(lake.runner, statements);
    if (options.crashAt === 'after-commit') process.kill(process.pid, 'SIGKILL');
  }
  if (ranges.size > 0) {
    // Informational (lag monitoring): restarts seek to the table's offsets, whatever the group says.
    await consumer.commitOffsets(toCommit).catch(() => {});
    await consumer.disconnect();
  }
  await conn.run('DROP TABLE IF EXISTS temp.main.kol_kafka_stage');
  await conn.run('DROP TABLE IF EXISTS temp.main.kol_kafka_dead');
  const seconds = (performance.now() - started) / 1000;
  const out: TableRun[] = [];
  for (const s of sources) {
    const c = counts.get(s.topic) ?? { read: 0, landed: 0, dead: 0 };
    out.push({
      layer: 'bronze',
      table: `${ns}.${s.contract.name}`,
      rowsIn: c.read,
      rowsOut: c.landed,
      deadLettered: c.dead,
      changed: c.read > 0,
      snapshotId: await currentSnapshotId(lake.runner, { namespace: ns, name: s.contract.name }),
      seconds,
    });
  }
  return out;
}
