import type { ValueProblem } from '../types/index.ts';
import { type AnyContract, contractVersion, type RowOfContract } from './define.ts';
import type { deadLetters } from './events/index.ts';
import { formatProblems } from './validate.ts';

/** A dead-letter envelope, as published to `kol.deadletter.v1`. */
export type DeadLetter = RowOfContract<typeof deadLetters>;

export interface DeadLetterInput {
  /** The contract the record failed. */
  readonly contract: AnyContract;
  readonly problems: readonly ValueProblem[];
  /** The original record, unchanged (a line of a file, a message value). */
  readonly payload: string;
  /** Where it was read, e.g. `posts.jsonl:1234`; also what makes the envelope's id unique. */
  readonly source: string;
  /** When the failure was detected (ISO-8601 UTC). */
  readonly detectedAt: string;
}

function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Wraps a failed record. The original `event_id` is kept when the payload has a string one, so that a fixed
 * record can be matched with its dead letter.
 *
 * @example
 * deadLetterEnvelope({ contract: posts, problems, payload: line, source: 'posts.jsonl:17', detectedAt: new Date().toISOString() });
 */
export function deadLetterEnvelope(input: DeadLetterInput): DeadLetter {
  let original: string | null = null;
  try {
    const parsed: unknown = JSON.parse(input.payload);
    if (parsed !== null && typeof parsed === 'object' && typeof (parsed as { event_id?: unknown }).event_id === 'string') {
      original = (parsed as { event_id: string }).event_id;
    }
  } catch {
    // not JSON: the reasons say so; the payload is kept as is
  }
  return {
    event_id: `dl-${fnv1a64(`${input.contract.name}\u0000${input.source}\u0000${input.payload}`)}`,
    contract: input.contract.name,
    contract_version: contractVersion(input.contract),
    topic: input.contract.topic,
    detected_at: input.detectedAt,
    reasons: formatProblems(input.problems),
    payload: input.payload,
    source: input.source,
    original_event_id: original,
  };
}
