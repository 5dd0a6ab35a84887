import type { DuckDBRunner } from '../engines/duckdb/runner.ts';
import { sqlName, type TableName } from './names.ts';

/** A column of the current schema, with its Iceberg field id. */
export interface ColumnInfo {
  readonly id: number;
  readonly name: string;
  readonly type: unknown;
  readonly required: boolean;
}

/** A partition field: `transform(source column)`. */
export interface PartitionFieldInfo {
  readonly name: string;
  readonly source: string;
  readonly transform: string;
}

export interface SnapshotInfo {
  /** As a string: snapshot ids exceed 2^53. */
  readonly snapshotId: string;
  readonly parentId: string | null;
  readonly sequenceNumber: number;
  readonly timestamp: string;
  readonly operation: string;
  readonly summary: Readonly<Record<string, string>>;
  readonly manifestList: string;
}

export interface TableInfo {
  readonly table: string;
  readonly uuid: string;
  readonly location: string;
  readonly metadataLocation: string;
  readonly formatVersion: number;
  readonly schemaId: number;
  readonly columns: readonly ColumnInfo[];
  readonly partitionSpec: readonly PartitionFieldInfo[];
  readonly currentSnapshotId: string | null;
  readonly snapshots: readonly SnapshotInfo[];
  readonly properties: Readonly<Record<string, string>>;
}

/** Numbers of 16 digits or more become strings before parsing, so ids keep every digit. */
const BIG = /([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g;

/** The table's current metadata JSON, located through the catalog as DuckDB loads it (so the profile's auth applies). */
export async function loadTableMetadata(
  runner: DuckDBRunner,
  t: TableName,
): Promise<{ location: string; metadata: Record<string, unknown> }> {
  const [row] = await runner.rows(`SELECT metadata_location AS location FROM iceberg_load_table_response(${sqlName(t)})`);
  const location = String(row?.location);
  // The metadata file itself, read through DuckDB so that the profile's S3 secret applies.
  const [file] = await runner.rows('SELECT content FROM read_text(?)', [location]);
  return { location, metadata: JSON.parse(String(file?.content).replace(BIG, '$1"$2"')) as Record<string, unknown> };
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * The table as its metadata describes it: current schema with field ids, default partition spec, snapshots
 * (oldest first) with their summaries, properties.
 *
 * @example (await describeTable(lake.runner, parseTableName('kol_gold.creator_daily_kpis'))).partitionSpec
 */
export async function describeTable(runner: DuckDBRunner, t: TableName): Promise<TableInfo> {
  const { location, metadata: m } = await loadTableMetadata(runner, t);
  const schemas = (m.schemas as Json[]) ?? [];
  const schema = schemas.find((s) => Number(s['schema-id']) === Number(m['current-schema-id'])) ?? schemas[0] ?? { fields: [] };
  const fields = (schema.fields as Json[]).map((f) => ({
    id: Number(f.id),
    name: String(f.name),
    type: f.type,
    required: Boolean(f.required),
  }));
  const byId = new Map(fields.map((f) => [f.id, f.name]));
  const spec = ((m['partition-specs'] as Json[]) ?? []).find((s) => Number(s['spec-id']) === Number(m['default-spec-id']));
  const partitionSpec = ((spec?.fields as Json[]) ?? []).map((f) => ({
    name: String(f.name),
    source: byId.get(Number(f['source-id'])) ?? String(f['source-id']),
    transform: String(f.transform),
  }));
  const snapshots = ((m.snapshots as Json[]) ?? [])
    .map(
      (s): SnapshotInfo => ({
        snapshotId: String(s['snapshot-id']),
        parentId: str(s['parent-snapshot-id']),
        sequenceNumber: Number(s['sequence-number'] ?? 0),
        timestamp: new Date(Number(s['timestamp-ms'])).toISOString(),
        operation: String((s.summary as Json | undefined)?.operation ?? ''),
        summary: Object.fromEntries(Object.entries((s.summary as Json) ?? {}).map(([k, v]) => [k, String(v)])),
        manifestList: String(s['manifest-list']),
      }),
    )
    .sort((a, b) => a.sequenceNumber - b.sequenceNumber || a.timestamp.localeCompare(b.timestamp));
  const current = str(m['current-snapshot-id']);
  return {
    table: `${t.namespace}.${t.name}`,
    uuid: String(m['table-uuid']),
    location: String(m.location),
    metadataLocation: location,
    formatVersion: Number(m['format-version']),
    schemaId: Number(schema['schema-id'] ?? 0),
    columns: fields,
    partitionSpec,
    currentSnapshotId: current === '-1' ? null : current,
    snapshots,
    properties: Object.fromEntries(Object.entries((m.properties as Json) ?? {}).map(([k, v]) => [k, String(v)])),
  };
}
