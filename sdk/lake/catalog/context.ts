import { suggest } from '../../util/index.ts';
import { CatalogError, check } from './errors.ts';
import { fileUri, localPath, parseTableMetadata, readMetadataFile } from './metadata.ts';
import type { CatalogStore, Entry } from './store.ts';
import type { Identifier, TableMetadata } from './types.ts';

/** What every route handler gets: the state, the warehouse root and the parsed request. */
export interface RouteContext {
  readonly store: CatalogStore;
  /** `file:///…` root under which new tables and views are placed. */
  readonly warehouse: string;
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'HEAD';
  readonly pattern: RegExp;
  handle(ctx: RouteContext): RouteResult;
}

export const dotted = (id: Identifier): string => [...id.namespace, id.name].join('.');

/** Decodes one path segment: levels split on the unit separator; `+` is a space as form encoding writes it. */
export function decodeSegment(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

export function decodeNamespace(raw: string): string[] {
  return decodeSegment(raw).split('\u001f');
}

/** Whether a namespace exists: created explicitly, or the parent of one that was. */
export function namespaceExists(store: CatalogStore, levels: readonly string[]): boolean {
  if (store.namespaceExists(levels)) return true;
  return store.namespaces().some((ns) => ns.length > levels.length && levels.every((l, i) => ns[i] === l));
}

/** 404 NoSuchNamespaceException naming the nearest existing namespace. */
export function noSuchNamespace(store: CatalogStore, levels: readonly string[]): CatalogError {
  const name = levels.join('.');
  const near = suggest(
    name,
    store.namespaces().map((n) => n.join('.')),
  );
  return new CatalogError('NoSuchNamespaceException', `Namespace does not exist: ${name}${near ? ` (did you mean '${near}'?)` : ''}`);
}

/** Throws 404 unless the namespace exists. */
export function requireNamespace(store: CatalogStore, levels: readonly string[]): void {
  if (!namespaceExists(store, levels)) throw noSuchNamespace(store, levels);
}

/** Throws 404 of the given kind for a missing table or view, naming the nearest existing one. */
export function missing(store: CatalogStore, id: Identifier, type: 'NoSuchTableException' | 'NoSuchViewException'): CatalogError {
  const what = type === 'NoSuchTableException' ? 'Table' : 'View';
  const kind = type === 'NoSuchTableException' ? 'table' : 'view';
  if (!namespaceExists(store, id.namespace)) {
    return new CatalogError(type, `${what} does not exist: ${dotted(id)} (namespace ${id.namespace.join('.')} does not exist)`);
  }
  const near = suggest(
    id.name,
    store.entries(id.namespace, kind).map((e) => e.name),
  );
  return new CatalogError(type, `${what} does not exist: ${dotted(id)}${near ? ` (did you mean '${near}'?)` : ''}`);
}

/** The table entry, or 404 (a view of that name is not a table). */
export function requireTable(store: CatalogStore, id: Identifier): Entry {
  const entry = store.entry(id.namespace, id.name);
  if (entry?.kind === 'table') return entry;
  throw missing(store, id, 'NoSuchTableException');
}

/** 409 when a table or view already holds the name; `renaming` names the source in the message. */
export function requireFree(store: CatalogStore, id: Identifier, creating: 'table' | 'view', renaming?: Identifier): void {
  const entry = store.entry(id.namespace, id.name);
  if (!entry) return;
  if (renaming) {
    const kind = entry.kind === 'table' ? 'Table' : 'View';
    throw new CatalogError('AlreadyExistsException', `Cannot rename ${dotted(renaming)} to ${dotted(id)}. ${kind} already exists`);
  }
  if (entry.kind === creating) {
    throw new CatalogError('AlreadyExistsException', `${creating === 'table' ? 'Table' : 'View'} already exists: ${dotted(id)}`);
  }
  throw new CatalogError(
    'AlreadyExistsException',
    `${entry.kind === 'table' ? 'Table' : 'View'} with same name already exists: ${dotted(id)}`,
  );
}

export function loadTableMetadata(location: string): TableMetadata {
  return parseTableMetadata(readMetadataFile(location));
}

/** Where a new table or view goes when the request names no location: `<warehouse>/<ns…>/<name>`. */
export function defaultLocation(warehouse: string, id: Identifier): string {
  return `${warehouse.replace(/\/+$/, '')}/${[...id.namespace, id.name].join('/')}`;
}

/** The `{namespace, name}` of a request body, checked. */
export function parseIdentifier(value: unknown, what: string): Identifier {
  const v = value as { namespace?: unknown; name?: unknown } | undefined;
  check(v && Array.isArray(v.namespace) && typeof v.name === 'string' && v.name.length > 0, `Invalid ${what}: expected {namespace, name}`);
  return { namespace: v.namespace.map(String), name: v.name };
}

/** A local folder under the warehouse root, or undefined for anything this catalog must not delete. */
export function ownedFolder(warehouse: string, location: string): string | undefined {
  try {
    const root = localPath(warehouse).replace(/\/+$/, '');
    const path = localPath(location).replace(/\/+$/, '');
    return path.startsWith(`${root}/`) ? path : undefined;
  } catch {
    return undefined;
  }
}

export { fileUri };
