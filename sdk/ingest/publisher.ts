/** One message to publish. */
export interface OutMessage {
  readonly topic: string;
  /** Partitioning key; records of one key keep their order. */
  readonly key: string;
  /** The payload, as text (the original line for events, JSON for dead letters). */
  readonly value: string;
  /** Record timestamp (ms): the time the event became known, so downstream watermarks follow event time. */
  readonly timestamp: number;
}

/** Where replay publishes: Kafka in production, memory in unit tests. */
export interface Publisher {
  /** Creates the topics that do not exist yet. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Publishes a batch, in order; resolves once the broker has acknowledged all of it. */
  publish(messages: readonly OutMessage[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A publisher that keeps everything in memory, batch by batch.
 *
 * @example const p = memoryPublisher(); await replay({ from: 'data-samples/xs', publisher: p }); p.messages.length;
 */
export function memoryPublisher(): Publisher & {
  readonly messages: OutMessage[];
  readonly batches: number[];
  readonly topics: Set<string>;
} {
  const messages: OutMessage[] = [];
  const batches: number[] = [];
  const topics = new Set<string>();
  return {
    messages,
    batches,
    topics,
    async ensureTopics(list) {
      for (const t of list) topics.add(t);
    },
    async publish(batch) {
      for (const m of batch) if (!topics.has(m.topic)) throw new Error(`topic ${m.topic} was not created`);
      messages.push(...batch);
      batches.push(batch.length);
    },
    async close() {},
  };
}
