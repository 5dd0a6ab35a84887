import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { config, describeService, unique } from './int-support.ts';

describeService('kafka', 'kafka (kafkajs against the KRaft broker)', () => {
  // initialRetryTime 5: kafkajs backs off ~300 ms on CONCURRENT_TRANSACTIONS by default, 15 ms with this.
  const kafka = new Kafka({
    clientId: `${config.kafka.clientId}-smoke`,
    brokers: [...config.kafka.brokers],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 5 },
  });
  const topic = `kol.${unique('smoke')}.v1`;
  const admin = kafka.admin();

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  });

  async function readAll(count: number): Promise<string[]> {
    const consumer = kafka.consumer({ groupId: unique('kol-smoke-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${seen.length} of ${count} messages`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(message.value?.toString() ?? '');
            if (seen.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return seen;
  }

  it('creates a topic, produces idempotently and consumes the same values back', async () => {
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })).toBe(true);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port: 9092 })]);

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, messages: ['a', 'b', 'c'].map((value) => ({ key: 'creator-1', value })) });
    await producer.disconnect();
    expect(await readAll(3)).toEqual(['a', 'b', 'c']);
  });

  it('commits a transaction and hides an aborted one from read-committed consumers', async () => {
    const producer = kafka.producer({ transactionalId: unique('kol-smoke-tx'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted' }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'tx-1' }, { value: 'tx-2' }] });
    await committed.commit();
    await producer.disconnect();
    expect(await readAll(5)).toEqual(['a', 'b', 'c', 'tx-1', 'tx-2']);
  });
});
