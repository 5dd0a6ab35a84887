import type { Admin, Kafka, Producer } from 'kafkajs';
import { RemoteError } from '../errors/index.ts';
import type { OutMessage, Publisher } from './publisher.ts';

export interface KafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of topics this creates (existing topics are left as they are). */
  readonly partitions?: number;
}

async function client(options: KafkaOptions): Promise<Kafka> {
  // kafkajs is loaded on first use only: the CLI and the light entry point must not pay for it
  const { Kafka, logLevel } = await import('kafkajs');
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => process.stderr.write(`[kafka] ${entry.log.message}\n`),
    retry: { retries: 5, initialRetryTime: 100 },
  });
}

function remote(action: string, error: unknown): RemoteError {
  const e = error as { message?: string; retriable?: boolean; type?: string };
  return new RemoteError('kafka', `${action}: ${e.message ?? String(error)}`, {
    retriable: e.retriable ?? true,
    ...(e.type === undefined ? {} : { remoteCode: e.type }),
    cause: error,
  });
}

/** Creates the missing topics among `topics`, waiting for their leaders. */
export async function ensureTopics(admin: Admin, topics: readonly string[], partitions: number): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions })) });
  }
  return missing;
}

/**
 * A Kafka publisher with an idempotent producer (acks=all, one request in flight, so retries neither
 * duplicate nor reorder a partition). Each `publish` is one `sendBatch` over every topic in the batch:
 * kafkajs does no batching of its own, and one awaited send per message would cap replay near 2k msg/s.
 *
 * @example
 * const publisher = await kafkaPublisher({ brokers: ['127.0.0.1:9092'], clientId: 'kol-sdk' });
 * await publisher.ensureTopics(['kol.posts.v1']);
 * await publisher.publish([{ topic: 'kol.posts.v1', key: 'cr-1', value: '{…}', timestamp: Date.now() }]);
 * await publisher.close();
 */
export async function kafkaPublisher(options: KafkaOptions): Promise<Publisher & { readonly created: string[] }> {
  const kafka = await client(options);
  const { Partitioners } = await import('kafkajs');
  const admin = kafka.admin();
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  try {
    await admin.connect();
    await producer.connect();
  } catch (error) {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
    throw remote(`cannot connect to ${options.brokers.join(',')} (is it running? 'kol-sdk services up kafka')`, error);
  }
  const created: string[] = [];
  return {
    created,
    async ensureTopics(topics) {
      try {
        created.push(...(await ensureTopics(admin, topics, options.partitions ?? 3)));
      } catch (error) {
        throw remote('creating topics', error);
      }
    },
    async publish(messages: readonly OutMessage[]) {
      if (messages.length === 0) return;
      const byTopic = new Map<string, { key: string; value: string; timestamp: string }[]>();
      for (const m of messages) {
        let list = byTopic.get(m.topic);
        if (list === undefined) {
          list = [];
          byTopic.set(m.topic, list);
        }
        list.push({ key: m.key, value: m.value, timestamp: String(Math.round(m.timestamp)) });
      }
      try {
        await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
      } catch (error) {
        throw remote(`publishing ${messages.length} messages`, error);
      }
    },
    async close() {
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    },
  };
}
