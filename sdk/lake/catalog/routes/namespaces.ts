import { decodeNamespace, namespaceExists, noSuchNamespace, type Route, requireNamespace } from '../context.ts';
import { CatalogError, check } from '../errors.ts';
import type { CatalogStore } from '../store.ts';

/**
 * One page of sorted keys: the token is the last key of the previous page, so pages stay stable when
 * names are added or removed between calls.
 */
export function paginate<T>(items: readonly T[], key: (t: T) => string, query: URLSearchParams): { page: T[]; next: string | null } {
  const token = query.get('pageToken');
  const sizeRaw = query.get('pageSize');
  let size = Number.POSITIVE_INFINITY;
  if (sizeRaw !== null && sizeRaw !== '') {
    size = Number(sizeRaw);
    check(Number.isInteger(size) && size > 0, `Invalid pageSize: ${sizeRaw}`);
  }
  const after = token ? Buffer.from(token, 'base64url').toString('utf8') : null;
  const rest = after === null ? [...items] : items.filter((t) => key(t) > after);
  const page = rest.slice(0, size);
  const last = page.at(-1);
  const next = rest.length > page.length && last !== undefined ? Buffer.from(key(last), 'utf8').toString('base64url') : null;
  return { page, next };
}

function children(store: CatalogStore, parent: readonly string[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const ns of store.namespaces()) {
    if (ns.length <= parent.length || !parent.every((l, i) => ns[i] === l)) continue;
    const child = ns.slice(0, parent.length + 1);
    seen.set(child.join('\u001f'), child);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function validLevels(value: unknown): string[] {
  check(Array.isArray(value) && value.length > 0, 'Invalid namespace: expected a non-empty array of names');
  for (const l of value)
    check(typeof l === 'string' && l.length > 0 && !l.includes('\u001f'), `Invalid namespace level: ${JSON.stringify(l)}`);
  return value as string[];
}

export const namespaceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/namespaces$/,
    handle({ store, query }) {
      const parentRaw = query.get('parent');
      const parent = parentRaw ? parentRaw.split('\u001f') : [];
      if (parent.length > 0) requireNamespace(store, parent);
      const { page, next } = paginate(children(store, parent), (n) => n.join('\u001f'), query);
      return { status: 200, body: { namespaces: page, 'next-page-token': next } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces$/,
    handle({ store, body }) {
      const b = (body ?? {}) as { namespace?: unknown; properties?: unknown };
      const levels = validLevels(b.namespace);
      const properties = (b.properties ?? {}) as Record<string, string>;
      check(typeof properties === 'object' && !Array.isArray(properties), 'Invalid namespace properties');
      store.write(() => {
        if (store.namespaceExists(levels))
          throw new CatalogError('AlreadyExistsException', `Namespace already exists: ${levels.join('.')}`);
        store.createNamespace(levels, properties);
      });
      return { status: 200, body: { namespace: levels, properties } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/namespaces\/([^/]+)$/,
    handle({ store, warehouse, params }) {
      const levels = decodeNamespace(params[0] as string);
      requireNamespace(store, levels);
      // As Iceberg's JDBC catalog does, a namespace without a `location` reports where its tables go by
      // default. Trino then places each new table in a fresh `<name>-<uuid>` folder there; without it Trino
      // lets the catalog choose `<name>/`, finds the metadata file the create wrote there, and refuses a
      // plain CREATE TABLE on a "non-empty location".
      const properties = store.namespaceProperties(levels) ?? {};
      const location = properties.location ?? `${warehouse.replace(/\/+$/, '')}/${levels.join('/')}`;
      return { status: 200, body: { namespace: levels, properties: { ...properties, location } } };
    },
  },
  {
    method: 'HEAD',
    pattern: /^\/v1\/namespaces\/([^/]+)$/,
    handle({ store, params }) {
      return { status: namespaceExists(store, decodeNamespace(params[0] as string)) ? 204 : 404 };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/namespaces\/([^/]+)$/,
    handle({ store, params }) {
      const levels = decodeNamespace(params[0] as string);
      store.write(() => {
        if (!store.namespaceExists(levels)) throw noSuchNamespace(store, levels);
        const n = store.countEntries(levels);
        if (n > 0)
          throw new CatalogError('NamespaceNotEmptyException', `Namespace ${levels.join('.')} is not empty. ${n} tables or views exist.`);
        store.dropNamespace(levels);
      });
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/namespaces\/([^/]+)\/properties$/,
    handle({ store, params, body }) {
      const levels = decodeNamespace(params[0] as string);
      const b = (body ?? {}) as { removals?: unknown; updates?: unknown };
      const removals = (b.removals ?? []) as string[];
      const updates = (b.updates ?? {}) as Record<string, string>;
      check(Array.isArray(removals) && typeof updates === 'object' && updates !== null, 'Invalid properties update');
      const both = removals.filter((k) => k in updates);
      if (both.length > 0) {
        throw new CatalogError(
          'UnprocessableEntityException',
          `Invalid namespace update, cannot simultaneously set and remove keys: [${both.join(', ')}]`,
        );
      }
      return store.write(() => {
        requireNamespace(store, levels);
        const props = { ...(store.namespaceProperties(levels) ?? {}) };
        const removed = removals.filter((k) => k in props);
        const missingKeys = removals.filter((k) => !(k in props));
        for (const k of removed) delete props[k];
        for (const [k, v] of Object.entries(updates)) props[k] = String(v);
        if (store.namespaceExists(levels)) store.setNamespaceProperties(levels, props);
        else store.createNamespace(levels, props);
        return { status: 200, body: { updated: Object.keys(updates), removed, missing: missingKeys } };
      });
    },
  },
];
