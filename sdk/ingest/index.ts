/**
 * Ingestion: replaying generated events into Kafka in the order they became known, validated against
 * their contracts, failures to the dead-letter topic. kafkajs is loaded only when a Kafka publisher is made.
 */

// Pacing.
export { type Clock, fakeClock, systemClock } from './clock.ts';
export { DEAD_LETTER_TOPIC, deadLetterMessage } from './dead-letter.ts';
// Where messages go: Kafka (idempotent producer, topic admin) or memory.
export { ensureTopics, type KafkaOptions, kafkaPublisher } from './kafka.ts';
export { LineReader } from './lines.ts';
// Reading generated folders in time order.
export { Merge } from './merge.ts';
export { memoryPublisher, type OutMessage, type Publisher } from './publisher.ts';
// Replaying a folder of generated events.
export { type ReplayOptions, type ReplaySummary, replay } from './replay.ts';
export { RecordReader, type SourceFile, type SourceRecord, sourceFiles } from './source.ts';
export { parseSpeed, type ReplaySpeed } from './speed.ts';
