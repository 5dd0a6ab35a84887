import type { DuckDBLake } from '../engines/duckdb/open.ts';
import { RemoteError } from '../errors/index.ts';
import { diagnoseTable, type FileProblem, unreadableManifest } from './diagnose.ts';
import { LakeError, lakeFileError } from './errors.ts';
import { displayName, parseTableName, sqlName, type TableName } from './names.ts';
import { listTables } from './table.ts';

/** Engine errors that come from reading a file or loading a table, not from the query's own text. */
const FILE_ERROR = /IO Error|Invalid Input Error|Invalid Error|HTTP Error|Avro|parquet|magic|Cannot open file|No files found/i;

/** The engine could not reach the catalog (or S3) at all: nothing it sent was committed. */
const UNREACHABLE =
  /Could not connect to server|Connection refused|Failed to connect|ECONNREFUSED|Could not resolve host|Timeout was reached|timed out/i;

/** A path or URI named in an engine message, without its scheme (so `file:///x` and `/x` compare equal). */
const FILE_IN_MESSAGE = /(?:(?:file|s3a?|gs|abfss?):\/\/)?\/?[^\s"',]+\.(?:parquet|avro|metadata\.json)/;
const bare = (file: string): string => file.replace(/^file:(\/\/)?/, '').replace(/^\/+/, '/');

/**
 * Turns an engine or catalog failure while reading lake tables into a {@link LakeError} naming the file,
 * its kind, the table and the fix, by walking the candidate tables' files (all tables of the lake when
 * none are given). An unreachable catalog or store becomes a retriable {@link RemoteError} naming it.
 * Any other error comes back as it was.
 *
 * @example
 * try { await lake.runner.rows('SELECT * FROM lake.kol_silver.posts'); }
 * catch (error) { throw await explainLakeError(lake, error, [parseTableName('kol_silver.posts')]); }
 */
export async function explainLakeError(lake: DuckDBLake, error: unknown, tables: readonly TableName[] = []): Promise<unknown> {
  if (error instanceof LakeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.test(message)) return unreachable(lake, message, error);
  if (!FILE_ERROR.test(message)) return error;
  const named = FILE_IN_MESSAGE.exec(message)?.[0];
  let candidates = [...tables];
  if (candidates.length === 0) {
    candidates = (await listTables(lake).catch(() => [] as string[])).map(parseTableName);
    // The table whose folder holds the named file goes first.
    if (named)
      candidates.sort(
        (a, b) => Number(named.includes(`/${b.namespace}/${b.name}/`)) - Number(named.includes(`/${a.namespace}/${a.name}/`)),
      );
  }
  for (const t of candidates) {
    let problems: FileProblem[];
    try {
      problems = await diagnoseTable(lake, t);
    } catch {
      continue;
    }
    const match = problems.find((p) => named !== undefined && bare(p.file) === bare(named)) ?? problems[0];
    if (match) return lakeFileError(displayName(t), match, error);
  }
  return error;
}

/**
 * Refuses, before DuckDB scans it, a table whose metadata, manifest list or manifests are missing or
 * broken (a broken manifest ends the process inside DuckDB instead of failing the query). The snapshot
 * checked is the one the read is for: `snapshotId`, the last one at `asOf`, or the current one.
 *
 * @example await checkReadable(lake, parseTableName('kol_silver.posts'));
 */
export async function checkReadable(
  lake: DuckDBLake,
  t: TableName,
  at: { readonly snapshotId?: string; readonly asOf?: Date | string } = {},
): Promise<void> {
  // The snapshots as DuckDB loads them: cheaper than the metadata JSON, and the same catalog call the scan makes.
  let snapshots: { id: string; ms: number; manifestList: string }[];
  try {
    const rows = await lake.runner.rows(
      `SELECT snapshot_id::VARCHAR AS id, epoch_ms(timestamp_ms) AS ms, manifest_list FROM iceberg_snapshots(${sqlName(t)}) ORDER BY sequence_number`,
    );
    snapshots = rows.map((r) => ({ id: String(r.id), ms: Number(r.ms), manifestList: String(r.manifest_list) }));
  } catch (error) {
    throw await explainLakeError(lake, error, [t]);
  }
  const when = at.asOf === undefined ? undefined : new Date(at.asOf).getTime();
  const snapshot =
    at.snapshotId !== undefined
      ? snapshots.find((s) => s.id === at.snapshotId)
      : when !== undefined
        ? snapshots.filter((s) => s.ms <= when).at(-1)
        : snapshots.at(-1);
  const problem = await unreadableManifest(lake, snapshot?.manifestList);
  if (problem) throw lakeFileError(displayName(t), problem);
}

/**
 * Runs a read over lake tables: checks them first ({@link checkReadable}) and explains a file failure
 * ({@link explainLakeError}). For SQL over `lake.*` tables outside the lake API (queries, jobs, pipelines).
 *
 * @example const rows = await readingLake(lake, ['kol_silver.posts'], () => lake.runner.rows('SELECT count(*) FROM lake.kol_silver.posts'));
 */
export async function readingLake<T>(lake: DuckDBLake, tables: readonly (string | TableName)[], read: () => Promise<T>): Promise<T> {
  const names = tables.map((t) => (typeof t === 'string' ? parseTableName(t) : t));
  for (const t of names) await checkReadable(lake, t);
  try {
    return await read();
  } catch (error) {
    throw await explainLakeError(lake, error, names);
  }
}

/** The outage error: which service, at which address, that nothing was committed, and what to do. */
function unreachable(lake: DuckDBLake, message: string, cause: unknown): RemoteError {
  const url = /(?:to|for HTTP \w+ to) '([^']+)'/.exec(message)?.[1] ?? '';
  const catalog = lake.catalogUri !== undefined && (url === '' || url.startsWith(lake.catalogUri));
  const detail = message.split('\n')[0] ?? message;
  const text = catalog
    ? `the Iceberg catalog at ${lake.catalogUri} cannot be reached (${detail}); nothing was committed and the tables are as they were — ${
        lake.catalog ? 'the embedded catalog serving this lake was stopped: open the lake again' : 'check it with kol-sdk services status'
      }, then retry`
    : `the object store cannot be reached (${detail}); nothing was committed and the tables are as they were — check it with kol-sdk services status, then retry`;
  return new RemoteError(catalog ? 'iceberg-catalog' : 's3', text, { retriable: true, cause });
}
