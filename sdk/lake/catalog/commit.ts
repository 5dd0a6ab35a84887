import { mkdirSync } from 'node:fs';
import { defaultLocation, dotted, loadTableMetadata, missing, requireFree, requireNamespace } from './context.ts';
import { check } from './errors.ts';
import {
  DEFAULT_FORMAT_VERSION,
  emptyTableMetadata,
  localPath,
  nextMetadataLocation,
  serializeTable,
  writeMetadataFile,
} from './metadata.ts';
import { checkTableRequirements } from './requirements.ts';
import type { CatalogStore } from './store.ts';
import type { Identifier, Requirement, TableMetadata, Update } from './types.ts';
import { applyTableUpdates } from './updates.ts';

export interface CommitResult {
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
}

/** How many earlier metadata files a table's `metadata-log` remembers unless its properties say otherwise. */
const DEFAULT_PREVIOUS_VERSIONS = 100;

/** Creates `metadata/` and `data/` of a local table up front: some writers assume they exist. */
export function createTableFolders(location: string): void {
  try {
    const root = localPath(location);
    mkdirSync(`${root}/metadata`, { recursive: true });
    mkdirSync(`${root}/data`, { recursive: true });
  } catch {
    // a location on object storage needs no folders
  }
}

/**
 * The next metadata after `base`, with the file it replaces appended to `metadata-log` (trimmed to
 * `write.metadata.previous-versions-max`).
 */
export function withMetadataLog(next: TableMetadata, base: TableMetadata, baseLocation: string): TableMetadata {
  const max = Number(next.properties['write.metadata.previous-versions-max'] ?? DEFAULT_PREVIOUS_VERSIONS);
  const log = [...next['metadata-log'], { 'timestamp-ms': base['last-updated-ms'], 'metadata-file': baseLocation }];
  return { ...next, 'metadata-log': log.slice(Math.max(0, log.length - Math.max(1, max))) };
}

/**
 * One table's commit: requirements checked against the current metadata, updates applied, a new metadata
 * file written and the table swapped to it. Must run inside {@link CatalogStore.write}, so a multi-table
 * transaction lands entirely or not at all. A table that does not exist is created when the requirements
 * hold `assert-create`.
 */
export function commitTable(
  store: CatalogStore,
  warehouse: string,
  id: Identifier,
  requirements: readonly Requirement[],
  updates: readonly Update[],
  now: number,
): CommitResult {
  check(Array.isArray(requirements) && Array.isArray(updates), 'Invalid commit: requirements and updates must be arrays');
  const entry = store.entry(id.namespace, id.name);
  const creating = requirements.some((r) => r.type === 'assert-create');
  if (entry?.kind !== 'table') {
    if (!creating) {
      requireNamespace(store, id.namespace);
      throw missing(store, id, 'NoSuchTableException');
    }
    requireNamespace(store, id.namespace);
    requireFree(store, id, 'table');
    checkTableRequirements(null, requirements);
    const upgrade = updates.find((u) => u.action === 'upgrade-format-version');
    const formatVersion = typeof upgrade?.['format-version'] === 'number' ? upgrade['format-version'] : DEFAULT_FORMAT_VERSION;
    const base = emptyTableMetadata(formatVersion, defaultLocation(warehouse, id));
    const built = completeNewTable(applyTableUpdates(base, updates, now), id);
    const location = nextMetadataLocation(built.location, built.properties, null);
    createTableFolders(built.location);
    writeMetadataFile(location, serializeTable(built));
    store.insertEntry(id.namespace, id.name, 'table', location);
    return { metadataLocation: location, metadata: built };
  }
  const base = loadTableMetadata(entry.metadataLocation);
  checkTableRequirements(base, requirements);
  if (updates.length === 0) return { metadataLocation: entry.metadataLocation, metadata: base };
  const next = withMetadataLog(applyTableUpdates(base, updates, now), base, entry.metadataLocation);
  const location = nextMetadataLocation(next.location, next.properties, entry.metadataLocation);
  writeMetadataFile(location, serializeTable(next));
  store.swapMetadata(id.namespace, id.name, entry.metadataLocation, location);
  return { metadataLocation: location, metadata: next };
}

/** A table built from updates alone must still have a schema, a default spec and a default sort order. */
function completeNewTable(meta: TableMetadata, id: Identifier): TableMetadata {
  check(meta.schemas.length > 0, `Cannot create table ${dotted(id)} without a schema`);
  const m = { ...meta };
  if (m['current-schema-id'] < 0) m['current-schema-id'] = (m.schemas.at(-1) as TableMetadata['schemas'][0])['schema-id'];
  if (m['partition-specs'].length === 0) m['partition-specs'] = [{ 'spec-id': 0, fields: [] }];
  if (m['default-spec-id'] < 0) m['default-spec-id'] = (m['partition-specs'][0] as TableMetadata['partition-specs'][0])['spec-id'];
  if (m['sort-orders'].length === 0) m['sort-orders'] = [{ 'order-id': 0, fields: [] }];
  if (m['default-sort-order-id'] < 0) m['default-sort-order-id'] = (m['sort-orders'][0] as TableMetadata['sort-orders'][0])['order-id'];
  return m;
}
