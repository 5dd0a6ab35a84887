import { deadLetterEnvelope, deadLetters } from '../contracts/index.ts';
import type { OutMessage } from './publisher.ts';
import type { SourceRecord } from './source.ts';

/** The topic every failed record goes to. */
export const DEAD_LETTER_TOPIC = deadLetters.topic;

/**
 * The dead-letter message for a record that failed its contract: keyed by contract name (one partition
 * keeps a contract's failures in order), with every reason, the contract and version, the source position
 * and the original line.
 *
 * @example deadLetterMessage(record, '2024-05-01T10:00:00.000Z').topic // 'kol.deadletter.v1'
 */
export function deadLetterMessage(record: SourceRecord, detectedAt: string): OutMessage {
  const envelope = deadLetterEnvelope({
    contract: record.contract,
    problems: record.problems,
    payload: record.line,
    source: record.source,
    detectedAt,
  });
  return { topic: DEAD_LETTER_TOPIC, key: record.contract.name, value: JSON.stringify(envelope), timestamp: Date.parse(detectedAt) };
}
