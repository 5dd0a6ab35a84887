import {
  decodeNamespace,
  decodeSegment,
  defaultLocation,
  missing,
  parseIdentifier,
  type Route,
  requireFree,
  requireNamespace,
} from '../context.ts';
import { check } from '../errors.ts';
import { nextMetadataLocation, readMetadataFile, serializeView, writeMetadataFile } from '../metadata.ts';
import { checkViewRequirements } from '../requirements.ts';
import type { CatalogStore, Entry } from '../store.ts';
import type { Identifier, Requirement, Update, ViewMetadata } from '../types.ts';
import { applyViewUpdates, type CreateViewRequest, newViewMetadata } from '../views.ts';
import { paginate } from './namespaces.ts';

const viewId = (params: readonly string[]): Identifier => ({
  namespace: decodeNamespace(params[0] as string),
  name: decodeSegment(params[1] as string),
});

function requireView(store: CatalogStore, id: Identifier): Entry {
  const entry = store.entry(id.namespace, id.name);
  if (entry?.kind === 'view') return entry;
  throw missing(store, id, 'NoSuchViewException');
}

const loadView = (location: string): ViewMetadata => readMetadataFile(location) as ViewMetadata;

const viewResult = (location: string, meta: ViewMetadata) => ({ 'metadata-location': location, metadata: serializeView(meta), config: {} });

export const viewRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/namespaces\/([^/]+)\/views$/,
    handle({ store, params, query }) {
      const namespace = decodeNamespace(params[0] as string);
      requireNamespace(store, namespace);
      const { page, next } = paginate(store.entries(namespace, 'view'), (e) => e.name, query);
      return { status: 200, body: { identifiers: page.map((e) => ({ namespace, name: e.name })), 'next-page-token': next } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/views$/,
    handle({ store, warehouse, params, body }) {
      const namespace = decodeNamespace(params[0] as string);
      const request = (body ?? {}) as CreateViewRequest;
      check(typeof request.name === 'string' && request.name.length > 0, 'Invalid view name: missing name');
      const id = { namespace, name: request.name };
      requireNamespace(store, namespace);
      requireFree(store, id, 'view');
      const location = (request.location ?? defaultLocation(warehouse, id)).replace(/\/+$/, '');
      const meta = newViewMetadata(request, location, Date.now());
      const metadataLocation = nextMetadataLocation(location, meta.properties, null);
      writeMetadataFile(metadataLocation, serializeView(meta));
      store.write(() => {
        requireNamespace(store, namespace);
        requireFree(store, id, 'view');
        store.insertEntry(namespace, id.name, 'view', metadataLocation);
      });
      return { status: 200, body: viewResult(metadataLocation, meta) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/namespaces\/([^/]+)\/views\/([^/]+)$/,
    handle({ store, params }) {
      const entry = requireView(store, viewId(params));
      return { status: 200, body: viewResult(entry.metadataLocation, loadView(entry.metadataLocation)) };
    },
  },
  {
    method: 'HEAD',
    pattern: /^\/v1\/namespaces\/([^/]+)\/views\/([^/]+)$/,
    handle({ store, params }) {
      const id = viewId(params);
      return { status: store.entry(id.namespace, id.name)?.kind === 'view' ? 204 : 404 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/views\/([^/]+)$/,
    handle({ store, params, body }) {
      const id = viewId(params);
      const b = (body ?? {}) as { requirements?: Requirement[]; updates?: Update[] };
      const requirements = b.requirements ?? [];
      const updates = b.updates ?? [];
      check(Array.isArray(requirements) && Array.isArray(updates), 'Invalid commit: requirements and updates must be arrays');
      const now = Date.now();
      return store.write(() => {
        const entry = requireView(store, id);
        const base = loadView(entry.metadataLocation);
        checkViewRequirements(base, requirements);
        const next = applyViewUpdates(base, updates, now);
        const location = nextMetadataLocation(next.location, next.properties, entry.metadataLocation);
        writeMetadataFile(location, serializeView(next));
        store.swapMetadata(id.namespace, id.name, entry.metadataLocation, location);
        return { status: 200, body: viewResult(location, next) };
      });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/namespaces\/([^/]+)\/views\/([^/]+)$/,
    handle({ store, params }) {
      const id = viewId(params);
      store.write(() => {
        requireView(store, id);
        store.deleteEntry(id.namespace, id.name);
      });
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/views\/rename$/,
    handle({ store, body }) {
      const b = (body ?? {}) as { source?: unknown; destination?: unknown };
      const from = parseIdentifier(b.source, 'rename source');
      const to = parseIdentifier(b.destination, 'rename destination');
      store.write(() => {
        requireView(store, from);
        requireNamespace(store, to.namespace);
        requireFree(store, to, 'view', from);
        store.renameEntry(from, to);
      });
      return { status: 204 };
    },
  },
];
