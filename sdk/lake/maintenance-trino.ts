import type { DuckDBLake } from '../engines/duckdb/open.ts';
import { LakeError } from './errors.ts';
import type { CompactResult, ExpireOptions, ExpireResult } from './maintenance.ts';
import type { OrphanOptions, OrphanResult } from './maintenance-orphans.ts';
import { displayName, type TableName } from './names.ts';

/**
 * How the cluster maintenance reaches Trino: one statement with catalog session properties set for it
 * alone. The caller builds it from the profile's Trino connection (the lake layer knows no query client).
 */
export interface TrinoStatements {
  /** The Trino catalog holding the lake's tables (`iceberg`). */
  readonly catalog: string;
  rows(sql: string, session?: Readonly<Record<string, string>>): Promise<Record<string, unknown>[]>;
}

/** Trino refuses retention thresholds under these session properties (7 days by default). */
const MIN_RETENTION = {
  expire: 'expire_snapshots_min_retention',
  orphans: 'remove_orphan_files_min_retention',
} as const;
const TRINO_DEFAULT_MIN_MS = 7 * 24 * 3600 * 1000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const tableSql = (trino: TrinoStatements, t: TableName, suffix = '') =>
  `${quote(trino.catalog)}.${quote(t.namespace)}.${quote(t.name + suffix)}`;

/** Snapshot ids as text: Trino answers bigints as JSON numbers, which lose digits beyond 2^53. */
async function snapshots(trino: TrinoStatements, t: TableName): Promise<{ id: string; ms: number }[]> {
  const rows = await trino.rows(
    `SELECT CAST(snapshot_id AS varchar) AS id, CAST(to_unixtime(committed_at) * 1000 AS bigint) AS ms FROM ${tableSql(trino, t, '$snapshots')} ORDER BY committed_at`,
  );
  return rows.map((r) => ({ id: String(r.id), ms: Number(r.ms) }));
}

async function dataFiles(trino: TrinoStatements, t: TableName): Promise<number> {
  const [row] = await trino.rows(`SELECT count(*) AS n FROM ${tableSql(trino, t, '$files')}`);
  return Number(row?.n ?? 0);
}

async function location(trino: TrinoStatements, t: TableName): Promise<string> {
  const [row] = await trino.rows(`SELECT value FROM ${tableSql(trino, t, '$properties')} WHERE key = 'location'`);
  if (!row)
    throw new LakeError('lake.no_location', `Trino shows no location for ${displayName(t)}`, 'check the table with SHOW CREATE TABLE');
  return String(row.value).replace(/\/$/, '');
}

/** Every file under a table location, through DuckDB with the profile's S3 secret. */
async function filesUnder(lake: DuckDBLake, root: string): Promise<Set<string>> {
  const rows = await lake.runner.rows('SELECT file FROM glob(?)', [`${root}/**`]);
  return new Set(rows.map((r) => String(r.file)));
}

/**
 * A retention threshold as Trino's duration, and the session property that lets it be shorter than
 * Trino's 7-day minimum — set only when the caller asked for less.
 */
function retention(olderThan: Date, property: string, catalog: string): { threshold: string; session: Record<string, string> } {
  const ms = Math.max(0, Date.now() - olderThan.getTime());
  const threshold = `${ms}ms`;
  return { threshold, session: ms < TRINO_DEFAULT_MIN_MS ? { [`${catalog}.${property}`]: threshold } : {} };
}

/**
 * Compacts a table on the cluster with Trino's `ALTER TABLE … EXECUTE optimize`: files under the size
 * threshold are rewritten into one replace commit. The result has the local profile's shape.
 *
 * @example await compactTableTrino(trino, parseTableName('kol_bronze.posts'), { fileSizeThreshold: '128MB' });
 */
export async function compactTableTrino(
  trino: TrinoStatements,
  t: TableName,
  options: { readonly fileSizeThreshold?: string } = {},
): Promise<CompactResult> {
  const threshold = options.fileSizeThreshold ?? '100MB';
  if (!/^\d+(\.\d+)?\s*(B|kB|KB|MB|GB|TB)$/.test(threshold)) {
    throw new LakeError('lake.size', `file size threshold '${threshold}' is not a size`, "write it as Trino's data size, e.g. 128MB");
  }
  const before = await dataFiles(trino, t);
  const last = (await snapshots(trino, t)).at(-1)?.id ?? null;
  await trino.rows(`ALTER TABLE ${tableSql(trino, t)} EXECUTE optimize(file_size_threshold => '${threshold}')`);
  const now = (await snapshots(trino, t)).at(-1)?.id ?? null;
  return { table: displayName(t), filesBefore: before, filesAfter: await dataFiles(trino, t), snapshotId: now === last ? null : now };
}

/**
 * Expires snapshots on the cluster with Trino's `ALTER TABLE … EXECUTE expire_snapshots`; Trino deletes
 * the files only they referenced. Trino knows only an age, so `retainLast` becomes the age of the
 * retained snapshot that is oldest (plus a second for the clocks): never fewer snapshots are kept.
 *
 * @example await expireSnapshotsTrino(lake, trino, parseTableName('kol_silver.posts'), { retainLast: 3 });
 */
export async function expireSnapshotsTrino(
  lake: DuckDBLake,
  trino: TrinoStatements,
  t: TableName,
  options: ExpireOptions = {},
): Promise<ExpireResult> {
  const before = await snapshots(trino, t);
  const retain = Math.max(1, options.retainLast ?? 1);
  const oldestKept = before.at(-Math.min(retain, before.length));
  let cutoff = options.olderThan?.getTime() ?? Number.POSITIVE_INFINITY;
  if (oldestKept) cutoff = Math.min(cutoff, oldestKept.ms - 1000);
  if (!Number.isFinite(cutoff) || before.every((s) => s.ms >= cutoff)) {
    return { table: displayName(t), expired: [], kept: before.map((s) => s.id), deletedFiles: 0 };
  }
  const root = await location(trino, t);
  const filesBefore = await filesUnder(lake, root);
  const { threshold, session } = retention(new Date(cutoff), MIN_RETENTION.expire, trino.catalog);
  await trino.rows(`ALTER TABLE ${tableSql(trino, t)} EXECUTE expire_snapshots(retention_threshold => '${threshold}')`, session);
  const after = new Set((await snapshots(trino, t)).map((s) => s.id));
  const filesAfter = await filesUnder(lake, root);
  return {
    table: displayName(t),
    expired: before.filter((s) => !after.has(s.id)).map((s) => s.id),
    kept: before.filter((s) => after.has(s.id)).map((s) => s.id),
    deletedFiles: [...filesBefore].filter((f) => !filesAfter.has(f)).length,
  };
}

/**
 * Removes orphan files on the cluster with Trino's `ALTER TABLE … EXECUTE remove_orphan_files`: files
 * under the table's location that no snapshot or metadata references and older than `olderThan`.
 *
 * @example await removeOrphanFilesTrino(lake, trino, parseTableName('kol_gold.creator_daily_kpis'), { olderThan: new Date(Date.now() - 3 * 86_400_000) });
 */
export async function removeOrphanFilesTrino(
  lake: DuckDBLake,
  trino: TrinoStatements,
  t: TableName,
  options: OrphanOptions = {},
): Promise<OrphanResult> {
  const olderThan = options.olderThan ?? new Date(Date.now() - TRINO_DEFAULT_MIN_MS);
  const root = await location(trino, t);
  const before = await filesUnder(lake, root);
  const { threshold, session } = retention(olderThan, MIN_RETENTION.orphans, trino.catalog);
  await trino.rows(`ALTER TABLE ${tableSql(trino, t)} EXECUTE remove_orphan_files(retention_threshold => '${threshold}')`, session);
  const after = await filesUnder(lake, root);
  const deleted = [...before].filter((f) => !after.has(f)).sort();
  return { table: displayName(t), olderThan: olderThan.toISOString(), filesScanned: before.size, deleted, deletedFiles: deleted.length };
}
