import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { badRequest, check } from './errors.ts';
import { isLong, parseJson, stringifyJson } from './json.ts';
import {
  assignFreshIds,
  columnNames,
  freshSortOrder,
  freshSpec,
  highestFieldId,
  PARTITION_DATA_ID_START,
  validateSchema,
} from './schema.ts';
import type { PartitionSpec, SortOrder, TableMetadata, ViewMetadata } from './types.ts';

/** The newest table format this catalog writes and accepts. */
export const MAX_FORMAT_VERSION = 3;
export const DEFAULT_FORMAT_VERSION = 2;

/** Table properties that describe metadata itself and so are never stored as properties. */
export const RESERVED_PROPERTIES = new Set([
  'format-version',
  'uuid',
  'snapshot-count',
  'current-snapshot-summary',
  'current-snapshot-id',
  'current-snapshot-timestamp-ms',
  'current-schema',
  'default-partition-spec',
  'default-sort-order',
]);

/** The body of `POST /v1/namespaces/{ns}/tables` (spec: `CreateTableRequest`). */
export interface CreateTableRequest {
  name: string;
  location?: string;
  schema: unknown;
  'partition-spec'?: PartitionSpec;
  'write-order'?: SortOrder;
  'stage-create'?: boolean;
  properties?: Record<string, string>;
}

/**
 * The metadata of a table that has no schema yet: the base every create-by-updates commit starts from
 * (DuckDB and the Java client create tables this way, with `assert-create`).
 */
export function emptyTableMetadata(formatVersion: number, location: string): TableMetadata {
  return {
    'format-version': formatVersion,
    'table-uuid': randomUUID(),
    location,
    'last-sequence-number': 0,
    'last-updated-ms': Date.now(),
    'last-column-id': 0,
    'current-schema-id': -1,
    schemas: [],
    'default-spec-id': -1,
    'partition-specs': [],
    'last-partition-id': PARTITION_DATA_ID_START - 1,
    'default-sort-order-id': -1,
    'sort-orders': [],
    properties: {},
    'current-snapshot-id': null,
    refs: {},
    snapshots: [],
    statistics: [],
    'partition-statistics': [],
    'snapshot-log': [],
    'metadata-log': [],
    ...(formatVersion >= 3 ? { 'next-row-id': 0 } : {}),
  };
}

function parseFormatVersion(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_FORMAT_VERSION;
  const v = Number(raw);
  check(Number.isInteger(v) && v >= 1 && v <= MAX_FORMAT_VERSION, `Unsupported format version: ${raw}`);
  return v;
}

/**
 * The first metadata of a table created in one call: field ids assigned afresh from 1, partition fields from
 * 1000, reserved properties (`format-version`) applied rather than stored.
 *
 * @example
 * const meta = newTableMetadata({ name: 't', schema: { type: 'struct', fields: [] } }, 'file:///wh/ns/t');
 */
export function newTableMetadata(request: CreateTableRequest, location: string): TableMetadata {
  const schema = validateSchema(request.schema);
  const raw = request.properties ?? {};
  const formatVersion = parseFormatVersion(raw['format-version']);
  const { schema: fresh } = assignFreshIds(schema, 0);
  const oldNames = columnNames(schema);
  const spec = freshSpec(request['partition-spec'], oldNames, fresh);
  const order = freshSortOrder(request['write-order'], oldNames, fresh);
  // New tables get zstd Parquet, as the reference implementation does since 1.4.
  const properties: Record<string, string> = { 'write.parquet.compression-codec': 'zstd' };
  for (const [k, v] of Object.entries(raw)) if (!RESERVED_PROPERTIES.has(k)) properties[k] = String(v);
  const base = emptyTableMetadata(formatVersion, location);
  return {
    ...base,
    'last-column-id': highestFieldId(fresh),
    'current-schema-id': 0,
    schemas: [fresh],
    'default-spec-id': 0,
    'partition-specs': [spec],
    'last-partition-id': spec.fields.reduce((m, f) => Math.max(m, f['field-id']), PARTITION_DATA_ID_START - 1),
    'default-sort-order-id': order['order-id'],
    'sort-orders': [order],
    properties,
  };
}

/**
 * The metadata in the spec's layout and key order; v1 also carries the single `schema` and `partition-spec`
 * that v1 readers require.
 */
export function serializeTable(meta: TableMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = {
    'format-version': meta['format-version'],
    'table-uuid': meta['table-uuid'],
    location: meta.location,
    'last-sequence-number': meta['last-sequence-number'],
    'last-updated-ms': meta['last-updated-ms'],
    'last-column-id': meta['last-column-id'],
    'current-schema-id': meta['current-schema-id'],
    schemas: meta.schemas,
    'default-spec-id': meta['default-spec-id'],
    'partition-specs': meta['partition-specs'],
    'last-partition-id': meta['last-partition-id'],
    'default-sort-order-id': meta['default-sort-order-id'],
    'sort-orders': meta['sort-orders'],
    properties: meta.properties,
    'current-snapshot-id': meta['current-snapshot-id'] ?? -1,
    refs: meta.refs,
    snapshots: meta.snapshots,
    statistics: meta.statistics,
    'partition-statistics': meta['partition-statistics'],
    'snapshot-log': meta['snapshot-log'],
    'metadata-log': meta['metadata-log'],
  };
  if (meta['format-version'] >= 3) out['next-row-id'] = meta['next-row-id'] ?? 0;
  if (meta['encryption-keys'] && meta['encryption-keys'].length > 0) out['encryption-keys'] = meta['encryption-keys'];
  if (meta['format-version'] === 1) {
    const current = meta.schemas.find((s) => s['schema-id'] === meta['current-schema-id']);
    const spec = meta['partition-specs'].find((s) => s['spec-id'] === meta['default-spec-id']);
    if (current) out.schema = current;
    if (spec) out['partition-spec'] = spec.fields;
  }
  return out;
}

/** Reads metadata JSON as written by any Iceberg writer into this catalog's in-memory shape. */
export function parseTableMetadata(json: unknown): TableMetadata {
  check(typeof json === 'object' && json !== null, 'Invalid table metadata: not an object');
  const m = json as Record<string, unknown>;
  const formatVersion = Number(m['format-version']);
  check(formatVersion >= 1 && formatVersion <= MAX_FORMAT_VERSION, `Unsupported format version: ${m['format-version']}`);
  let schemas = (m.schemas as TableMetadata['schemas'] | undefined) ?? [];
  if (schemas.length === 0 && m.schema)
    schemas = [
      { ...(m.schema as TableMetadata['schemas'][0]), 'schema-id': Number((m.schema as { 'schema-id'?: number })['schema-id'] ?? 0) },
    ];
  let specs = (m['partition-specs'] as PartitionSpec[] | undefined) ?? [];
  if (specs.length === 0 && Array.isArray(m['partition-spec']))
    specs = [{ 'spec-id': 0, fields: m['partition-spec'] as PartitionSpec['fields'] }];
  const current = m['current-snapshot-id'];
  const refs = { ...((m.refs as TableMetadata['refs'] | undefined) ?? {}) };
  const currentId = isLong(current) && current !== -1 ? current : null;
  if (currentId !== null && !refs.main) refs.main = { 'snapshot-id': currentId, type: 'branch' };
  return {
    'format-version': formatVersion,
    'table-uuid': String(m['table-uuid'] ?? randomUUID()),
    location: String(m.location),
    'last-sequence-number': Number(m['last-sequence-number'] ?? 0),
    'last-updated-ms': Number(m['last-updated-ms'] ?? Date.now()),
    'last-column-id': Number(m['last-column-id'] ?? 0),
    'current-schema-id': Number(m['current-schema-id'] ?? schemas[0]?.['schema-id'] ?? 0),
    schemas,
    'default-spec-id': Number(m['default-spec-id'] ?? 0),
    'partition-specs': specs,
    'last-partition-id': Number(m['last-partition-id'] ?? PARTITION_DATA_ID_START - 1),
    'default-sort-order-id': Number(m['default-sort-order-id'] ?? 0),
    'sort-orders': (m['sort-orders'] as SortOrder[] | undefined) ?? [{ 'order-id': 0, fields: [] }],
    properties: (m.properties as Record<string, string> | undefined) ?? {},
    'current-snapshot-id': currentId,
    refs,
    snapshots: (m.snapshots as TableMetadata['snapshots'] | undefined) ?? [],
    statistics: (m.statistics as TableMetadata['statistics'] | undefined) ?? [],
    'partition-statistics': (m['partition-statistics'] as TableMetadata['partition-statistics'] | undefined) ?? [],
    'snapshot-log': (m['snapshot-log'] as TableMetadata['snapshot-log'] | undefined) ?? [],
    'metadata-log': (m['metadata-log'] as TableMetadata['metadata-log'] | undefined) ?? [],
    ...(m['next-row-id'] !== undefined ? { 'next-row-id': Number(m['next-row-id']) } : formatVersion >= 3 ? { 'next-row-id': 0 } : {}),
    ...(Array.isArray(m['encryption-keys']) ? { 'encryption-keys': m['encryption-keys'] as TableMetadata['encryption-keys'] } : {}),
  };
}

/**
 * A `file:` URI or an absolute path as a local path; anything else is not a file this catalog can write.
 * The scheme is stripped, not URL-decoded: Iceberg writers join names into locations without escaping.
 */
export function localPath(location: string): string {
  if (location.startsWith('file:')) {
    const path = location.replace(/^file:(\/\/(localhost)?)?/, '');
    if (path.startsWith('/')) return path;
  }
  if (location.startsWith('/')) return location;
  throw badRequest(`This catalog writes only local files (file://), not: ${location}`);
}

/** A local path as the `file:///` URI Iceberg writers store (unescaped, as they join it). */
export const fileUri = (path: string): string => `file://${path}`;

/** The version number in a `NNNNN-<uuid>.metadata.json` name, or -1. */
export function metadataVersion(location: string | null | undefined): number {
  const m = location ? /(?:^|\/)(\d+)-[^/]*\.metadata\.json$/.exec(location) : null;
  return m ? Number(m[1]) : -1;
}

/**
 * Where the next metadata file of a table or view goes: `<location>/metadata/NNNNN-<uuid>.metadata.json`,
 * or under `write.metadata.path` when that property is set.
 */
export function nextMetadataLocation(location: string, properties: Record<string, string>, previous: string | null): string {
  const dir = (properties['write.metadata.path'] ?? `${location.replace(/\/+$/, '')}/metadata`).replace(/\/+$/, '');
  const version = metadataVersion(previous) + 1;
  return `${dir}/${String(version).padStart(5, '0')}-${randomUUID()}.metadata.json`;
}

/** Writes a metadata file once (never overwrites: every commit has a new name). */
export function writeMetadataFile(location: string, body: unknown): void {
  const path = localPath(location);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${stringifyJson(body)}\n`, { flag: 'wx' });
}

/** Reads a metadata file written by this catalog or any other Iceberg writer. */
export function readMetadataFile(location: string): unknown {
  return parseJson(readFileSync(localPath(location), 'utf8'));
}

/** The view metadata in the spec's key order. */
export function serializeView(meta: ViewMetadata): Record<string, unknown> {
  return {
    'view-uuid': meta['view-uuid'],
    'format-version': meta['format-version'],
    location: meta.location,
    'current-version-id': meta['current-version-id'],
    versions: meta.versions,
    'version-log': meta['version-log'],
    schemas: meta.schemas,
    properties: meta.properties,
  };
}
