import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { id } from './common.ts';

/**
 * The envelope of a record that failed its contract: every reason, the contract it failed, where it came
 * from, and the original payload byte for byte, so that it can be fixed and replayed.
 */
export const deadLetters = defineContract({
  name: 'deadletter',
  version: 1,
  description: 'A record that failed its contract: reasons, contract name and version, source, and the original payload.',
  key: 'contract',
  eventTime: 'detected_at',
  columns: {
    event_id: id().describe('id of this dead letter (derived from its source position)'),
    contract: t.string().describe('name of the contract the record failed'),
    contract_version: t.string({ pattern: '^\\d+\\.\\d+$' }),
    topic: t.string().describe('where the record would have gone'),
    detected_at: t.timestamp(),
    reasons: t.list(t.string()).describe("each problem as '<path>: <reason>'"),
    payload: t.string().describe('the original record, unchanged'),
    source: t.string().describe('where the record was read: file and line, or topic/partition/offset'),
    original_event_id: t.string().optional(),
  },
});
