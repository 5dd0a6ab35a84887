import { badRequest, commitFailed } from './errors.ts';
import { sameLong } from './json.ts';
import type { Requirement, TableMetadata, ViewMetadata } from './types.ts';

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw commitFailed(`Requirement failed: ${what} changed: expected id ${expected} != ${actual}`);
}

/**
 * Checks every requirement of a table commit against the table's current metadata (`null`: the table does
 * not exist yet). A failed requirement means another writer committed first: 409 CommitFailedException,
 * which clients answer by refreshing and retrying.
 *
 * @example
 * checkTableRequirements(current, [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': 42 }]);
 */
export function checkTableRequirements(meta: TableMetadata | null, requirements: readonly Requirement[]): void {
  for (const r of requirements) {
    if (r.type === 'assert-create') {
      if (meta !== null) throw commitFailed('Requirement failed: table already exists');
      continue;
    }
    if (meta === null) throw commitFailed(`Requirement failed: table does not exist (${r.type})`);
    switch (r.type) {
      case 'assert-table-uuid':
        if (String(r.uuid) !== meta['table-uuid']) {
          throw commitFailed(`Requirement failed: UUID does not match: expected ${meta['table-uuid']} != ${r.uuid}`);
        }
        break;
      case 'assert-ref-snapshot-id': {
        const name = String(r.ref);
        const ref = meta.refs[name];
        const expected = r['snapshot-id'] ?? null;
        if (ref) {
          const kind = ref.type === 'tag' ? 'tag' : 'branch';
          if (expected === null) throw commitFailed(`Requirement failed: ${kind} ${name} was created concurrently`);
          if (!sameLong(expected, ref['snapshot-id'])) {
            throw commitFailed(`Requirement failed: ${kind} ${name} has changed: expected id ${expected} != ${ref['snapshot-id']}`);
          }
        } else if (expected !== null) {
          throw commitFailed(`Requirement failed: branch or tag ${name} is missing, expected ${expected}`);
        }
        break;
      }
      case 'assert-last-assigned-field-id':
        expectEqual(meta['last-column-id'], r['last-assigned-field-id'], 'last assigned field id');
        break;
      case 'assert-current-schema-id':
        expectEqual(meta['current-schema-id'], r['current-schema-id'], 'current schema');
        break;
      case 'assert-last-assigned-partition-id':
        expectEqual(meta['last-partition-id'], r['last-assigned-partition-id'], 'last assigned partition id');
        break;
      case 'assert-default-spec-id':
        expectEqual(meta['default-spec-id'], r['default-spec-id'], 'default partition spec');
        break;
      case 'assert-default-sort-order-id':
        expectEqual(meta['default-sort-order-id'], r['default-sort-order-id'], 'default sort order');
        break;
      default:
        throw badRequest(`Unknown table requirement: ${r.type}`);
    }
  }
}

/** Checks the requirements of a view commit (`assert-view-uuid`). */
export function checkViewRequirements(meta: ViewMetadata, requirements: readonly Requirement[]): void {
  for (const r of requirements) {
    if (r.type !== 'assert-view-uuid') throw badRequest(`Unknown view requirement: ${r.type}`);
    if (String(r.uuid) !== meta['view-uuid']) {
      throw commitFailed(`Requirement failed: view UUID does not match: expected ${meta['view-uuid']} != ${r.uuid}`);
    }
  }
}
