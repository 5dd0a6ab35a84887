import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Table } from 'apache-arrow';
import type { DuckDBLake } from '../engines/duckdb/open.ts';
import type { SqlParams } from '../engines/duckdb/runner.ts';
import { identifier } from '../engines/duckdb/sql.ts';
import { checkAppendFits } from './append-fit.ts';
import { LakeError, lakeFileError, unknownTableError } from './errors.ts';
import { displayName, parseTableName, sqlName, type TableName } from './names.ts';
import { checkReadable, explainLakeError } from './read-errors.ts';
import { describeTable, type SnapshotInfo, type TableInfo } from './table-metadata.ts';
import { type ReplaceResult, replaceWhere } from './write.ts';

/** A data or delete file of the current snapshot. */
export interface FileInfo {
  readonly path: string;
  readonly format: string;
  /** `DATA` or `DELETE` (position or equality deletes). */
  readonly content: string;
  readonly records: number;
  /** Size on disk for local warehouses; null where the store is remote. */
  readonly bytes: number | null;
}

/** What to read: columns, a filter (pushed down by DuckDB to the files), and a point in time. */
export interface ScanOptions {
  readonly columns?: readonly string[];
  /** A SQL predicate over the table's columns, with `?` placeholders bound from `params`. */
  readonly where?: string;
  readonly params?: SqlParams;
  /** Read the table as of this snapshot id. */
  readonly snapshotId?: string;
  /** Read the table as it was at this instant. */
  readonly asOf?: Date | string;
  readonly limit?: number;
}

/** One table of the attached lake. */
export interface LakeTable {
  readonly name: TableName;
  /** `lake."ns"."t"`, for use in SQL. */
  readonly sql: string;
  describe(): Promise<TableInfo>;
  snapshots(): Promise<readonly SnapshotInfo[]>;
  files(): Promise<readonly FileInfo[]>;
  rows(options?: ScanOptions): Promise<Record<string, unknown>[]>;
  arrow(options?: ScanOptions): Promise<Table>;
  /**
   * Reads the scan into a DuckDB temporary table `target` (replaced if it exists) for further SQL, and
   * returns its row count. The fastest way to bring a slice of the lake into the engine: a scan has no
   * order, so the copy does not keep one (DuckDB then writes it from all threads at once).
   */
  materialize(target: string, options?: ScanOptions): Promise<number>;
  /** Appends the rows of a DuckDB query (the table's columns in order); one commit. Returns the rows added. */
  append(query: string, params?: SqlParams): Promise<number>;
  /** Replaces the rows where `where` holds by the rows of `query`, in one commit (none when already equal). */
  overwrite(where: string, query: string): Promise<ReplaceResult>;
  /** Upserts the rows of `query` matched on the `on` columns (`MERGE INTO`); one commit. */
  merge(query: string, on: readonly string[]): Promise<number>;
}

/** Whether an error is the catalog's commit conflict (another writer committed first). */
export function isCommitConflict(error: unknown): boolean {
  return /Conflict_409|\b409\b|CommitFailedException/.test(error instanceof Error ? error.message : String(error));
}

/**
 * Runs a commit again when another writer committed first (the catalog's 409): an append does not depend
 * on what it raced with, so the retry lands it on top. Jittered back-off, a few tries.
 */
export async function retryOnConflict<T>(commit: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await commit();
    } catch (error) {
      if (i >= tries || !isCommitConflict(error)) throw error;
      await new Promise((r) => setTimeout(r, 20 * 2 ** i * (0.5 + Math.random())));
    }
  }
}

/** Every table of the attached lake, as `ns.table`. */
export async function listTables(lake: DuckDBLake): Promise<string[]> {
  const rows = await lake.runner.rows(
    "SELECT schema_name AS ns, table_name AS t FROM duckdb_tables() WHERE database_name = 'lake' ORDER BY schema_name, table_name",
  );
  // A compaction's scratch table may linger in DuckDB's cached listing after the catalog dropped it.
  return rows.map((r) => `${r.ns}.${r.t}`).filter((name) => !name.includes('__compact_'));
}

function scanSql(t: TableName, o: ScanOptions): string {
  const cols = o.columns && o.columns.length > 0 ? o.columns.map(identifier).join(', ') : '*';
  let at = '';
  if (o.snapshotId !== undefined) {
    if (!/^-?\d+$/.test(o.snapshotId))
      throw new LakeError('lake.bad_snapshot', `'${o.snapshotId}' is not a snapshot id`, 'pass an id from history()');
    at = ` AT (VERSION => ${o.snapshotId})`;
  } else if (o.asOf !== undefined) {
    const when = new Date(o.asOf);
    if (Number.isNaN(when.getTime()))
      throw new LakeError('lake.bad_time', `'${String(o.asOf)}' is not an instant`, 'pass a Date or an ISO-8601 time');
    at = ` AT (TIMESTAMP => TIMESTAMPTZ '${when.toISOString()}')`;
  }
  const where = o.where ? ` WHERE ${o.where}` : '';
  const limit = o.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(o.limit))}`;
  return `SELECT ${cols} FROM ${sqlName(t)}${at}${where}${limit}`;
}

/**
 * Opens a table of the attached lake. An unknown table is refused with the nearest existing name.
 *
 * @example
 * const t = await lakeTable(lake, 'kol_gold.creator_daily_kpis');
 * const rows = await t.rows({ columns: ['dt', 'creator_id', 'engagement_rate'], where: 'dt >= ?', params: ['2024-01-15'] });
 * const before = await t.rows({ snapshotId: (await t.snapshots())[0]?.snapshotId });
 */
export async function lakeTable(lake: DuckDBLake, name: string): Promise<LakeTable> {
  const t = parseTableName(name);
  const all = await listTables(lake);
  if (!all.includes(displayName(t))) throw unknownTableError(displayName(t), all);
  const runner = lake.runner;
  const sql = sqlName(t);
  // A failed read names the broken file and the table; a scan is checked first (see checkReadable).
  const explained = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw await explainLakeError(lake, error, [t]);
    }
  };
  const scan = <T>(o: ScanOptions, read: () => Promise<T>): Promise<T> =>
    explained(async () => {
      await checkReadable(lake, t, o);
      return read();
    });
  return {
    name: t,
    sql,
    describe: () => explained(() => describeTable(runner, t)),
    async snapshots() {
      return (await explained(() => describeTable(runner, t))).snapshots;
    },
    async files() {
      const rows = await scan({}, () =>
        runner.rows(`SELECT file_path, file_format, manifest_content, record_count FROM iceberg_metadata(${sql})`),
      );
      return rows.map((r) => {
        const path = String(r.file_path);
        const content = String(r.manifest_content);
        let bytes: number | null = null;
        if (path.startsWith('file:')) {
          try {
            bytes = statSync(fileURLToPath(path)).size;
          } catch (error) {
            throw lakeFileError(
              displayName(t),
              { kind: content === 'DATA' ? 'data file' : 'delete file', file: path, problem: 'missing', detail: String(error) },
              error,
            );
          }
        }
        return { path, format: String(r.file_format), content, records: Number(r.record_count), bytes };
      });
    },
    rows: (o = {}) => scan(o, () => runner.rows(scanSql(t, o), o.params)),
    arrow: (o = {}) => scan(o, () => runner.arrow(scanSql(t, o), o.params)),
    materialize: (target, o = {}) =>
      scan(o, async () => {
        const [{ v } = { v: 'true' }] = (await runner.rows("SELECT current_setting('preserve_insertion_order')::VARCHAR AS v")) as {
          v: string;
        }[];
        await runner.run('SET preserve_insertion_order = false');
        try {
          await runner.run(`CREATE OR REPLACE TEMP TABLE ${identifier(target)} AS ${scanSql(t, o)}`, o.params);
        } finally {
          await runner.run(`SET preserve_insertion_order = ${v === 'false' ? 'false' : 'true'}`);
        }
        const [{ n } = { n: 0 }] = (await runner.rows(`SELECT count(*) AS n FROM ${identifier(target)}`)) as { n: bigint | number }[];
        return Number(n);
      }),
    append: (query, params) =>
      scan({}, async () => {
        await checkAppendFits(runner, displayName(t), sql, query, params);
        const [r] = await retryOnConflict(() => runner.rows(`INSERT INTO ${sql} ${query}`, params));
        return Number(Object.values(r ?? {})[0] ?? 0);
      }),
    overwrite: (where, query) => scan({}, () => replaceWhere(runner, t, where, query)),
    merge: (query, on) =>
      scan({}, async () => {
        if (on.length === 0)
          throw new LakeError('lake.merge_keys', `merge into ${displayName(t)} needs key columns`, 'pass the columns that identify a row');
        const info = await describeTable(runner, t);
        const cols = info.columns.map((c) => identifier(c.name));
        const match = on.map((c) => `target.${identifier(c)} = source.${identifier(c)}`).join(' AND ');
        const set = cols.map((c) => `${c} = source.${c}`).join(', ');
        const [r] = await runner.rows(
          `MERGE INTO ${sql} AS target USING (${query}) AS source ON ${match} WHEN MATCHED THEN UPDATE SET ${set} WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${cols.map((c) => `source.${c}`).join(', ')})`,
        );
        return Number(Object.values(r ?? {})[0] ?? 0);
      }),
  };
}
