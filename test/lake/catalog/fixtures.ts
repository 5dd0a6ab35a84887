import { emptyTableMetadata, newTableMetadata } from '../../../sdk/lake/catalog/metadata.ts';
import type { Schema, Snapshot, TableMetadata } from '../../../sdk/lake/catalog/types.ts';

/** A two-column schema with the ids a client might send before the catalog reassigns them. */
export const clientSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 3, name: 'id', required: true, type: 'long' },
    { id: 4, name: 'ts', required: false, type: 'timestamp' },
  ],
};

/** A table as the catalog creates it: fresh ids, partitioned by day(ts). */
export function table(): TableMetadata {
  return newTableMetadata(
    {
      name: 'events',
      schema: clientSchema,
      'partition-spec': { 'spec-id': 0, fields: [{ 'source-id': 4, 'field-id': 1000, name: 'ts_day', transform: 'day' }] },
    },
    'file:///wh/ns/events',
  );
}

export function empty(): TableMetadata {
  return emptyTableMetadata(2, 'file:///wh/ns/t');
}

/** A snapshot as a writer adds it; ids beyond 2^53 on purpose, as real writers draw them. */
export function snapshot(id: bigint | number, seq: number, parent: bigint | number | null, ts = 1_700_000_000_000 + seq): Snapshot {
  return {
    'snapshot-id': id,
    'parent-snapshot-id': parent,
    'sequence-number': seq,
    'timestamp-ms': ts,
    'manifest-list': `file:///wh/ns/events/metadata/snap-${id}.avro`,
    summary: { operation: 'append' },
    'schema-id': 0,
  };
}
