import { rmSync } from 'node:fs';
import { commitTable, createTableFolders } from '../commit.ts';
import {
  decodeNamespace,
  decodeSegment,
  defaultLocation,
  dotted,
  loadTableMetadata,
  ownedFolder,
  parseIdentifier,
  type Route,
  requireFree,
  requireNamespace,
  requireTable,
} from '../context.ts';
import { CatalogError, check } from '../errors.ts';
import { type CreateTableRequest, newTableMetadata, nextMetadataLocation, serializeTable, writeMetadataFile } from '../metadata.ts';
import type { Identifier, Requirement, TableMetadata, Update } from '../types.ts';
import { paginate } from './namespaces.ts';

const tableId = (params: readonly string[]): Identifier => ({
  namespace: decodeNamespace(params[0] as string),
  name: decodeSegment(params[1] as string),
});

/** The spec's `LoadTableResult`; `snapshots=refs` keeps only the snapshots a branch or tag points at. */
function loadResult(location: string | undefined, meta: TableMetadata, snapshots?: string | null) {
  let m = meta;
  if (snapshots === 'refs') {
    const referenced = new Set(Object.values(meta.refs).map((r) => r['snapshot-id']));
    m = { ...meta, snapshots: meta.snapshots.filter((s) => referenced.has(s['snapshot-id'])) };
  }
  return { ...(location ? { 'metadata-location': location } : {}), metadata: serializeTable(m), config: {} };
}

/**
 * The table's metadata, or a `ServerErrorException` naming the table and its metadata file when that file
 * is gone or does not parse: the state is broken on the server's side, and the client is told which file.
 */
function loadEntryMetadata(id: Identifier, location: string): TableMetadata {
  try {
    return loadTableMetadata(location);
  } catch (error) {
    if (error instanceof CatalogError && error.type !== 'IllegalArgumentException') throw error;
    const code = (error as { code?: unknown }).code;
    const what = code === 'ENOENT' ? 'is missing' : `is corrupt (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    throw new CatalogError('ServerErrorException', `Table metadata of ${dotted(id)} ${what}: ${location}`);
  }
}

function commitBody(body: unknown): { requirements: Requirement[]; updates: Update[] } {
  const b = (body ?? {}) as { requirements?: unknown; updates?: unknown };
  const requirements = (b.requirements ?? []) as Requirement[];
  const updates = (b.updates ?? []) as Update[];
  check(Array.isArray(requirements) && Array.isArray(updates), 'Invalid commit: requirements and updates must be arrays');
  return { requirements, updates };
}

export const tableRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables$/,
    handle({ store, params, query }) {
      const namespace = decodeNamespace(params[0] as string);
      requireNamespace(store, namespace);
      const { page, next } = paginate(store.entries(namespace, 'table'), (e) => e.name, query);
      return { status: 200, body: { identifiers: page.map((e) => ({ namespace, name: e.name })), 'next-page-token': next } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables$/,
    handle({ store, warehouse, params, body }) {
      const namespace = decodeNamespace(params[0] as string);
      const request = (body ?? {}) as CreateTableRequest;
      check(typeof request.name === 'string' && request.name.length > 0, 'Invalid table name: missing name');
      check(request.schema !== undefined && request.schema !== null, 'Invalid create table request: missing schema');
      const id = { namespace, name: request.name };
      requireNamespace(store, namespace);
      requireFree(store, id, 'table');
      const location = (request.location ?? defaultLocation(warehouse, id)).replace(/\/+$/, '');
      const meta = newTableMetadata(request, location);
      createTableFolders(location);
      if (request['stage-create']) return { status: 200, body: loadResult(undefined, meta) };
      const metadataLocation = nextMetadataLocation(location, meta.properties, null);
      writeMetadataFile(metadataLocation, serializeTable(meta));
      store.write(() => {
        requireNamespace(store, namespace);
        requireFree(store, id, 'table');
        store.insertEntry(namespace, id.name, 'table', metadataLocation);
      });
      return { status: 200, body: loadResult(metadataLocation, meta) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables\/([^/]+)$/,
    handle({ store, params, query }) {
      const id = tableId(params);
      const entry = requireTable(store, id);
      return {
        status: 200,
        body: loadResult(entry.metadataLocation, loadEntryMetadata(id, entry.metadataLocation), query.get('snapshots')),
      };
    },
  },
  {
    method: 'HEAD',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables\/([^/]+)$/,
    handle({ store, params }) {
      const id = tableId(params);
      return { status: store.entry(id.namespace, id.name)?.kind === 'table' ? 204 : 404 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables\/([^/]+)$/,
    handle({ store, warehouse, params, body }) {
      const id = tableId(params);
      const { requirements, updates } = commitBody(body);
      const now = Date.now();
      const result = store.write(() => commitTable(store, warehouse, id, requirements, updates, now));
      return { status: 200, body: { 'metadata-location': result.metadataLocation, metadata: serializeTable(result.metadata) } };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables\/([^/]+)$/,
    handle({ store, warehouse, params, query }) {
      const id = tableId(params);
      const entry = store.write(() => {
        const e = requireTable(store, id);
        store.deleteEntry(id.namespace, id.name);
        return e;
      });
      if (query.get('purgeRequested') === 'true') {
        // Only what lies under this catalog's warehouse is deleted: a registered table may live elsewhere.
        const folder = ownedFolder(warehouse, loadTableMetadata(entry.metadataLocation).location);
        if (folder) rmSync(folder, { recursive: true, force: true });
      }
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/tables\/([^/]+)\/metrics$/,
    // Reports are advisory and often arrive after the table is gone: accepted and not kept.
    handle() {
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/register$/,
    handle({ store, params, body }) {
      const namespace = decodeNamespace(params[0] as string);
      const b = (body ?? {}) as { name?: unknown; 'metadata-location'?: unknown; overwrite?: unknown };
      check(typeof b.name === 'string' && b.name.length > 0, 'Invalid table name: missing name');
      check(typeof b['metadata-location'] === 'string' && b['metadata-location'].length > 0, 'Invalid metadata location: missing');
      const id = { namespace, name: b.name };
      const location = b['metadata-location'];
      const meta = loadTableMetadata(location);
      store.write(() => {
        requireNamespace(store, namespace);
        const existing = store.entry(namespace, id.name);
        if (existing && !(b.overwrite === true && existing.kind === 'table')) requireFree(store, id, 'table');
        store.replaceEntry(namespace, id.name, 'table', location);
      });
      return { status: 200, body: loadResult(location, meta) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/tables\/rename$/,
    handle({ store, body }) {
      const b = (body ?? {}) as { source?: unknown; destination?: unknown };
      const from = parseIdentifier(b.source, 'rename source');
      const to = parseIdentifier(b.destination, 'rename destination');
      store.write(() => {
        requireTable(store, from);
        requireNamespace(store, to.namespace);
        requireFree(store, to, 'table', from);
        store.renameEntry(from, to);
      });
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/transactions\/commit$/,
    handle({ store, warehouse, body }) {
      const changes = ((body ?? {}) as { 'table-changes'?: unknown })['table-changes'];
      check(Array.isArray(changes) && changes.length > 0, 'Invalid transaction: table-changes must be a non-empty array');
      const parsed = changes.map((c: { identifier?: unknown }) => ({
        id: parseIdentifier(c.identifier, 'table change identifier'),
        ...commitBody(c),
      }));
      const names = parsed.map((p) => dotted(p.id));
      check(new Set(names).size === names.length, 'Invalid transaction: a table appears more than once');
      const now = Date.now();
      store.write(() => {
        for (const p of parsed) commitTable(store, warehouse, p.id, p.requirements, p.updates, now);
      });
      return { status: 204 };
    },
  },
];
