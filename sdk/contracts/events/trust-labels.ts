import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { FRAUD_TYPES, id } from './common.ts';

/** Ground truth: whether a creator was committing fraud as of a time, and which kinds. */
export const trustLabels = defineContract({
  name: 'trust_labels',
  version: 1,
  description: 'Ground truth: whether the creator was fraudulent as of as_of, and the kinds of fraud active then.',
  key: 'creator_id',
  eventTime: 'as_of',
  columns: {
    event_id: id(),
    creator_id: id(),
    as_of: t.timestamp(),
    is_fraud: t.bool(),
    fraud_types: t.list(t.enum(FRAUD_TYPES)),
  },
});
