import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../sdk/lake/catalog/errors.ts';
import { checkTableRequirements, checkViewRequirements } from '../../../sdk/lake/catalog/requirements.ts';
import type { Requirement, TableMetadata } from '../../../sdk/lake/catalog/types.ts';
import { applyTableUpdates } from '../../../sdk/lake/catalog/updates.ts';
import { snapshot, table } from './fixtures.ts';

const S1 = 2523328725131331175n;

function failure(meta: TableMetadata | null, r: Requirement): CatalogError {
  try {
    checkTableRequirements(meta, [r]);
  } catch (e) {
    if (e instanceof CatalogError) return e;
    throw e;
  }
  throw new Error(`requirement ${r.type} unexpectedly held`);
}

describe('table requirements', () => {
  const base = table();
  const withMain = applyTableUpdates(
    base,
    [
      { action: 'add-snapshot', snapshot: snapshot(S1, 1, null) },
      { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': S1 },
    ],
    1_700_000_000_500,
  );

  it('passes when every requirement holds', () => {
    expect(() =>
      checkTableRequirements(withMain, [
        { type: 'assert-table-uuid', uuid: withMain['table-uuid'] },
        { type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': S1 },
        { type: 'assert-ref-snapshot-id', ref: 'audit', 'snapshot-id': null },
        { type: 'assert-last-assigned-field-id', 'last-assigned-field-id': 2 },
        { type: 'assert-current-schema-id', 'current-schema-id': 0 },
        { type: 'assert-last-assigned-partition-id', 'last-assigned-partition-id': 1000 },
        { type: 'assert-default-spec-id', 'default-spec-id': 0 },
        { type: 'assert-default-sort-order-id', 'default-sort-order-id': 0 },
      ]),
    ).not.toThrow();
    expect(() => checkTableRequirements(null, [{ type: 'assert-create' }])).not.toThrow();
  });

  it('answers each broken requirement with 409 CommitFailedException', () => {
    const cases: [Requirement, string][] = [
      [{ type: 'assert-create' }, 'table already exists'],
      [{ type: 'assert-table-uuid', uuid: 'other' }, 'UUID does not match'],
      [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': 1 }, `branch main has changed: expected id 1 != ${S1}`],
      [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }, 'branch main was created concurrently'],
      [{ type: 'assert-ref-snapshot-id', ref: 'dev', 'snapshot-id': 7 }, 'dev is missing'],
      [{ type: 'assert-last-assigned-field-id', 'last-assigned-field-id': 1 }, 'last assigned field id changed: expected id 1 != 2'],
      [{ type: 'assert-current-schema-id', 'current-schema-id': 3 }, 'current schema changed'],
      [{ type: 'assert-last-assigned-partition-id', 'last-assigned-partition-id': 999 }, 'last assigned partition id changed'],
      [{ type: 'assert-default-spec-id', 'default-spec-id': 1 }, 'default partition spec changed'],
      [{ type: 'assert-default-sort-order-id', 'default-sort-order-id': 1 }, 'default sort order changed'],
    ];
    for (const [r, message] of cases) {
      const e = failure(withMain, r);
      expect(e.type, r.type).toBe('CommitFailedException');
      expect(e.code).toBe(409);
      expect(e.message).toContain(message);
    }
  });

  it('compares snapshot ids exactly, beyond 2^53', () => {
    // Two ids that are the same double: a number comparison would let a stale writer through.
    expect(Number(S1)).toBe(Number(S1 + 1n));
    expect(failure(withMain, { type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': S1 + 1n }).type).toBe('CommitFailedException');
  });

  it('rejects an unknown requirement as a bad request', () => {
    expect(failure(withMain, { type: 'assert-something' }).code).toBe(400);
  });

  it('checks the view uuid', () => {
    const view = {
      'view-uuid': 'u1',
      'format-version': 1,
      location: 'file:///wh/ns/v',
      'current-version-id': 1,
      versions: [],
      'version-log': [],
      schemas: [],
      properties: {},
    };
    expect(() => checkViewRequirements(view, [{ type: 'assert-view-uuid', uuid: 'u1' }])).not.toThrow();
    expect(() => checkViewRequirements(view, [{ type: 'assert-view-uuid', uuid: 'u2' }])).toThrow(/view UUID does not match/);
  });
});
