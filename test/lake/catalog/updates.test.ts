import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../sdk/lake/catalog/errors.ts';
import type { Schema, TableMetadata, Update } from '../../../sdk/lake/catalog/types.ts';
import { applyTableUpdates } from '../../../sdk/lake/catalog/updates.ts';
import { empty, snapshot, table } from './fixtures.ts';

const NOW = 1_700_000_009_000;
const apply = (base: TableMetadata, ...updates: Update[]) => applyTableUpdates(base, updates, NOW);

const S1 = 9_007_199_254_740_993n;
const S2 = 9_007_199_254_740_995n;
const S3 = 9_007_199_254_740_997n;

function rejects(base: TableMetadata, update: Update): string {
  try {
    apply(base, update);
  } catch (e) {
    if (e instanceof CatalogError && e.code === 400) return e.message;
    throw e;
  }
  throw new Error(`${update.action} was accepted`);
}

const schemaWith = (extra: { id: number; name: string }): Schema => ({
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'ts', required: false, type: 'timestamp' },
    { id: extra.id, name: extra.name, required: false, type: 'string' },
  ],
});

describe('applyTableUpdates', () => {
  it('builds a whole table from the updates a create transaction sends', () => {
    const m = apply(
      empty(),
      { action: 'assign-uuid', uuid: '0b6f1a4c-0000-4000-8000-000000000001' },
      { action: 'upgrade-format-version', 'format-version': 2 },
      { action: 'add-schema', schema: schemaWith({ id: 3, name: 'name' }), 'last-column-id': 3 },
      { action: 'set-current-schema', 'schema-id': -1 },
      { action: 'add-spec', spec: { 'spec-id': 0, fields: [{ 'source-id': 2, 'field-id': 1000, name: 'ts_day', transform: 'day' }] } },
      { action: 'set-default-spec', 'spec-id': -1 },
      {
        action: 'add-sort-order',
        'sort-order': { 'order-id': 1, fields: [{ 'source-id': 1, transform: 'identity', direction: 'asc', 'null-order': 'nulls-first' }] },
      },
      { action: 'set-default-sort-order', 'sort-order-id': -1 },
      { action: 'set-location', location: 'file:///wh/ns/t/' },
      { action: 'set-properties', updates: { owner: 'kol' } },
    );
    expect(m['table-uuid']).toBe('0b6f1a4c-0000-4000-8000-000000000001');
    expect(m['current-schema-id']).toBe(0);
    expect(m['last-column-id']).toBe(3);
    expect(m['default-spec-id']).toBe(0);
    expect(m['last-partition-id']).toBe(1000);
    expect(m['default-sort-order-id']).toBe(1);
    expect(m.location).toBe('file:///wh/ns/t');
    expect(m.properties).toEqual({ owner: 'kol' });
    expect(m['last-updated-ms']).toBe(NOW);
  });

  it('reuses the id of an identical schema, spec and sort order, and gives new ones the next id', () => {
    const base = table();
    const same = apply(base, { action: 'add-schema', schema: base.schemas[0] }, { action: 'set-current-schema', 'schema-id': -1 });
    expect(same.schemas).toHaveLength(1);
    const evolved = apply(
      base,
      { action: 'add-schema', schema: schemaWith({ id: 3, name: 'name' }) },
      { action: 'set-current-schema', 'schema-id': -1 },
    );
    expect(evolved.schemas.map((s) => s['schema-id'])).toEqual([0, 1]);
    expect(evolved['current-schema-id']).toBe(1);
    expect(evolved['last-column-id']).toBe(3);

    const spec = apply(
      base,
      { action: 'add-spec', spec: { fields: [{ 'source-id': 1, name: 'id_bucket', transform: 'bucket[8]' }] } },
      { action: 'set-default-spec', 'spec-id': -1 },
    );
    expect(spec['partition-specs'].map((s) => s['spec-id'])).toEqual([0, 1]);
    // a field without an id gets the next one after the last assigned
    expect(spec['partition-specs'][1]?.fields[0]?.['field-id']).toBe(1001);
    expect(spec['last-partition-id']).toBe(1001);
    const unsorted = apply(
      base,
      { action: 'add-sort-order', 'sort-order': { 'order-id': 5, fields: [] } },
      { action: 'set-default-sort-order', 'sort-order-id': -1 },
    );
    expect(unsorted['default-sort-order-id']).toBe(0);
    expect(unsorted['sort-orders']).toHaveLength(1);
  });

  it('adds snapshots, moves main and keeps the snapshot log and sequence numbers', () => {
    let m = apply(
      table(),
      { action: 'add-snapshot', snapshot: snapshot(S1, 1, null, 1000) },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': S1 },
    );
    m = apply(
      m,
      { action: 'add-snapshot', snapshot: snapshot(S2, 2, S1, 2000) },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': S2 },
    );
    expect(m['current-snapshot-id']).toBe(S2);
    expect(m['last-sequence-number']).toBe(2);
    expect(m['snapshot-log']).toEqual([
      { 'timestamp-ms': 1000, 'snapshot-id': S1 },
      { 'timestamp-ms': 2000, 'snapshot-id': S2 },
    ]);
    expect(m['last-updated-ms']).toBe(2000);
    expect(rejects(m, { action: 'add-snapshot', snapshot: snapshot(S2, 3, S1) })).toContain('Snapshot already exists');
    expect(rejects(m, { action: 'add-snapshot', snapshot: snapshot(S3, 2, S2) })).toContain('older than last sequence number');
    expect(rejects(m, { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': 42 })).toContain('unknown snapshot');
  });

  it('tags and branches do not move the current snapshot; removing main clears it', () => {
    let m = apply(
      table(),
      { action: 'add-snapshot', snapshot: snapshot(S1, 1, null) },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': S1 },
    );
    m = apply(
      m,
      { action: 'add-snapshot', snapshot: snapshot(S2, 2, S1) },
      { action: 'set-snapshot-ref', 'ref-name': 'v1', type: 'tag', 'snapshot-id': S2, 'max-ref-age-ms': 60_000 },
    );
    expect(m['current-snapshot-id']).toBe(S1);
    expect(m.refs.v1).toEqual({ 'snapshot-id': S2, type: 'tag', 'max-ref-age-ms': 60_000 });
    const removed = apply(m, { action: 'remove-snapshot-ref', 'ref-name': 'main' });
    expect(removed['current-snapshot-id']).toBeNull();
    expect(removed.refs.main).toBeUndefined();
  });

  it('removing snapshots drops their refs, statistics and the history before them', () => {
    let m = table();
    for (const [id, seq, parent] of [
      [S1, 1, null],
      [S2, 2, S1],
      [S3, 3, S2],
    ] as const) {
      m = apply(
        m,
        { action: 'add-snapshot', snapshot: snapshot(id, seq, parent, seq * 1000) },
        { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': id },
      );
    }
    m = apply(
      m,
      { action: 'set-snapshot-ref', 'ref-name': 'old', type: 'tag', 'snapshot-id': S1 },
      {
        action: 'set-statistics',
        'snapshot-id': S1,
        statistics: {
          'snapshot-id': S1,
          'statistics-path': 'file:///s1.stats',
          'file-size-in-bytes': 1,
          'file-footer-size-in-bytes': 1,
          'blob-metadata': [],
        },
      },
      {
        action: 'set-partition-statistics',
        'partition-statistics': { 'snapshot-id': S2, 'statistics-path': 'file:///s2.parquet', 'file-size-in-bytes': 3 },
      },
    );
    expect(m.statistics).toHaveLength(1);
    expect(m['partition-statistics']).toHaveLength(1);
    const pruned = apply(m, { action: 'remove-snapshots', 'snapshot-ids': [S2] });
    expect(pruned.snapshots.map((s) => s['snapshot-id'])).toEqual([S1, S3]);
    expect(pruned.refs.old?.['snapshot-id']).toBe(S1);
    expect(pruned['partition-statistics']).toEqual([]);
    // s1 → s2 → s3 without s2 would claim s1 was current until s3: the history before the gap goes.
    expect(pruned['snapshot-log'].map((e) => e['snapshot-id'])).toEqual([S3]);
    const cleared = apply(pruned, { action: 'remove-statistics', 'snapshot-id': S1 }, { action: 'remove-snapshots', 'snapshot-ids': [S1] });
    expect(cleared.statistics).toEqual([]);
    expect(cleared.refs.old).toBeUndefined();
  });

  it('keeps only the last of several snapshots made current within one commit in the log', () => {
    const m = apply(
      table(),
      { action: 'add-snapshot', snapshot: snapshot(S1, 1, null, 1000) },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': S1 },
      { action: 'add-snapshot', snapshot: snapshot(S2, 2, S1, 2000) },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': S2 },
    );
    expect(m['snapshot-log'].map((e) => e['snapshot-id'])).toEqual([S2]);
  });

  it('upgrades but never downgrades the format, and tracks row ids from v3', () => {
    expect(rejects(table(), { action: 'upgrade-format-version', 'format-version': 1 })).toContain('Cannot downgrade');
    expect(rejects(table(), { action: 'upgrade-format-version', 'format-version': 4 })).toContain('unsupported format version');
    const v3 = apply(table(), { action: 'upgrade-format-version', 'format-version': 3 });
    expect(v3['next-row-id']).toBe(0);
    const appended = apply(v3, { action: 'add-snapshot', snapshot: { ...snapshot(S1, 1, null), 'first-row-id': 0, 'added-rows': 25 } });
    expect(appended['next-row-id']).toBe(25);
    expect(
      rejects(appended, { action: 'add-snapshot', snapshot: { ...snapshot(S2, 2, S1), 'first-row-id': 10, 'added-rows': 5 } }),
    ).toContain('first row id');
  });

  it('edits properties, locations, specs and schemas, refusing to remove what is in use', () => {
    const base = apply(
      table(),
      { action: 'set-properties', updates: { a: '1', b: '2' } },
      { action: 'remove-properties', removals: ['a', 'zz'] },
    );
    expect(base.properties).toMatchObject({ b: '2' });
    expect(base.properties.a).toBeUndefined();
    expect(rejects(base, { action: 'remove-partition-specs', 'spec-ids': [0] })).toContain('default partition spec');
    expect(rejects(base, { action: 'remove-schemas', 'schema-ids': [0] })).toContain('current schema');
    const two = apply(base, { action: 'add-schema', schema: schemaWith({ id: 3, name: 'n' }) });
    expect(apply(two, { action: 'remove-schemas', 'schema-ids': [1] }).schemas).toHaveLength(1);
    expect(rejects(base, { action: 'set-current-schema', 'schema-id': -1 })).toContain('no schema has been added');
    expect(rejects(base, { action: 'set-default-spec', 'spec-id': 9 })).toContain('unknown spec');
    expect(rejects(base, { action: 'set-default-sort-order', 'sort-order-id': 9 })).toContain('unknown order');
    expect(rejects(base, { action: 'teleport' })).toContain('unknown update');
  });

  it('never changes its input', () => {
    const base = table();
    const before = JSON.stringify(base);
    apply(base, { action: 'set-properties', updates: { x: 'y' } }, { action: 'add-snapshot', snapshot: snapshot(1, 1, null) });
    expect(JSON.stringify(base)).toBe(before);
  });
});
