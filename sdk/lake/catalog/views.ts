import { randomUUID } from 'node:crypto';
import { badRequest, check } from './errors.ts';
import { sameSchema, validateSchema } from './schema.ts';
import type { Schema, Update, ViewMetadata, ViewVersion } from './types.ts';

/** How many versions a view keeps unless `version.history.num-entries` says otherwise. */
const DEFAULT_VERSIONS_KEPT = 10;

const sameVersion = (a: ViewVersion, b: ViewVersion): boolean =>
  JSON.stringify(a.representations) === JSON.stringify(b.representations) &&
  (a['default-catalog'] ?? null) === (b['default-catalog'] ?? null) &&
  JSON.stringify(a['default-namespace'] ?? []) === JSON.stringify(b['default-namespace'] ?? []) &&
  a['schema-id'] === b['schema-id'];

/** The body of `POST /v1/namespaces/{ns}/views` (spec: `CreateViewRequest`). */
export interface CreateViewRequest {
  name: string;
  location?: string;
  schema: unknown;
  'view-version': ViewVersion;
  properties?: Record<string, string>;
}

/**
 * The first metadata of a view: its schema, its first version made current, a fresh UUID.
 *
 * @example
 * const meta = newViewMetadata(request, 'file:///wh/ns/v', Date.now());
 */
export function newViewMetadata(request: CreateViewRequest, location: string, now: number): ViewMetadata {
  check(request['view-version'] && typeof request['view-version'] === 'object', 'Invalid view: missing view-version');
  const empty: ViewMetadata = {
    'view-uuid': randomUUID(),
    'format-version': 1,
    location,
    'current-version-id': -1,
    versions: [],
    'version-log': [],
    schemas: [],
    properties: {},
  };
  return applyViewUpdates(
    empty,
    [
      { action: 'set-properties', updates: request.properties ?? {} },
      { action: 'add-schema', schema: request.schema },
      { action: 'add-view-version', 'view-version': { ...request['view-version'], 'schema-id': -1 } },
      { action: 'set-current-view-version', 'view-version-id': -1 },
    ],
    now,
  );
}

/**
 * Applies view updates in order (the reference `ViewMetadata.Builder` semantics: identical schemas and
 * versions reuse their ids, `-1` = the last one added, old versions expire past
 * `version.history.num-entries`).
 */
export function applyViewUpdates(base: ViewMetadata, updates: readonly Update[], now: number): ViewMetadata {
  const m: ViewMetadata = structuredClone(base);
  let lastSchema: number | undefined;
  let lastVersion: number | undefined;
  for (const u of updates) {
    switch (u.action) {
      case 'assign-uuid':
        check(typeof u.uuid === 'string' && u.uuid.length > 0, 'Invalid assign-uuid: missing uuid');
        m['view-uuid'] = u.uuid;
        break;
      case 'upgrade-format-version': {
        const v = u['format-version'];
        check(v === 1, `Cannot upgrade view to unsupported format version: v${v}`);
        break;
      }
      case 'add-schema': {
        const schema: Schema = validateSchema(u.schema);
        const existing = m.schemas.find((s) => sameSchema(s, schema));
        const id = existing ? existing['schema-id'] : m.schemas.reduce((mx, s) => Math.max(mx, s['schema-id'] + 1), 0);
        if (!existing) m.schemas.push({ ...schema, 'schema-id': id });
        lastSchema = id;
        break;
      }
      case 'set-location':
        check(typeof u.location === 'string' && u.location.length > 0, 'Invalid set-location: missing location');
        m.location = u.location.replace(/\/+$/, '');
        break;
      case 'set-properties':
        for (const [k, v] of Object.entries((u.updates ?? {}) as Record<string, unknown>)) m.properties[k] = String(v);
        break;
      case 'remove-properties':
        for (const k of (u.removals as string[] | undefined) ?? []) delete m.properties[k];
        break;
      case 'add-view-version': {
        const raw = u['view-version'] as ViewVersion | undefined;
        check(raw && Array.isArray(raw.representations), 'Invalid add-view-version: missing representations');
        let schemaId = raw['schema-id'];
        if (schemaId === -1) {
          check(lastSchema !== undefined, 'Cannot set last added schema: no schema has been added');
          schemaId = lastSchema;
        }
        check(
          m.schemas.some((s) => s['schema-id'] === schemaId),
          `Cannot add version with unknown schema: ${schemaId}`,
        );
        const dialects = raw.representations.map((r) => (r.dialect ?? '').toLowerCase());
        const repeated = dialects.find((d, i) => dialects.indexOf(d) !== i);
        check(repeated === undefined, `Invalid view version: Cannot add multiple queries for dialect ${repeated}`);
        const version: ViewVersion = { ...raw, 'schema-id': schemaId };
        const existing = m.versions.find((v) => sameVersion(v, version));
        const id = existing ? existing['version-id'] : m.versions.reduce((mx, v) => Math.max(mx, v['version-id'] + 1), 1);
        if (!existing) m.versions.push({ ...version, 'version-id': id, 'timestamp-ms': version['timestamp-ms'] ?? now });
        lastVersion = id;
        break;
      }
      case 'set-current-view-version': {
        let id = u['view-version-id'] as number;
        if (id === -1) {
          check(lastVersion !== undefined, 'Cannot set last version: no views version have been added');
          id = lastVersion;
        }
        const version = m.versions.find((v) => v['version-id'] === id);
        check(version, `Cannot set current version to unknown version: ${id}`);
        if (m['current-version-id'] !== id) {
          m['current-version-id'] = id;
          m['version-log'].push({ 'timestamp-ms': version['timestamp-ms'] ?? now, 'version-id': id });
        }
        break;
      }
      default:
        throw badRequest(`Cannot apply unknown view update: ${u.action}`);
    }
  }
  return expireVersions(m);
}

function expireVersions(m: ViewMetadata): ViewMetadata {
  const keep = Math.max(1, Number(m.properties['version.history.num-entries'] ?? DEFAULT_VERSIONS_KEPT));
  if (m.versions.length <= keep) return m;
  const sorted = [...m.versions].sort((a, b) => a['version-id'] - b['version-id']);
  const kept = new Set(sorted.slice(sorted.length - keep).map((v) => v['version-id']));
  kept.add(m['current-version-id']);
  return {
    ...m,
    versions: m.versions.filter((v) => kept.has(v['version-id'])),
    'version-log': m['version-log'].filter((e) => kept.has(e['version-id'])),
  };
}
