import type { DuckDBRunner } from '../engines/duckdb/runner.ts';
import { identifier } from '../engines/duckdb/sql.ts';
import { displayName, sqlName, type TableName } from './names.ts';

/** A new table: columns as DuckDB DDL and a partition spec in DuckDB's words (`dt, bucket(16, creator_id)`). */
export interface TableDefinition {
  readonly columns: string;
  readonly partitionBy?: string;
}

/** Whether the attached lake has the table. */
export async function tableExists(runner: DuckDBRunner, t: TableName): Promise<boolean> {
  const rows = await runner.rows("SELECT 1 FROM duckdb_tables() WHERE database_name = 'lake' AND schema_name = ? AND table_name = ?", [
    t.namespace,
    t.name,
  ]);
  return rows.length > 0;
}

/**
 * Creates the namespace and the table when missing, with its partition spec. An existing table is left as
 * it is (its data and spec are never touched here).
 *
 * @example
 * await ensureTable(lake.runner, { namespace: 'kol_gold', name: 'kpis' }, { columns: 'dt DATE, creator_id VARCHAR', partitionBy: 'dt' });
 */
export async function ensureTable(runner: DuckDBRunner, t: TableName, def: TableDefinition): Promise<boolean> {
  await runner.run(`CREATE SCHEMA IF NOT EXISTS lake.${identifier(t.namespace)}`);
  if (await tableExists(runner, t)) return false;
  await runner.run(`CREATE TABLE ${sqlName(t)} (${def.columns})`);
  if (def.partitionBy) await runner.run(`ALTER TABLE ${sqlName(t)} SET PARTITIONED BY (${def.partitionBy})`);
  return true;
}

/** The table's current snapshot id as a string (ids exceed 2^53), or null before its first commit. */
export async function currentSnapshotId(runner: DuckDBRunner, t: TableName): Promise<string | null> {
  const rows = await runner.rows(
    `SELECT snapshot_id::VARCHAR AS id FROM iceberg_snapshots(${sqlName(t)}) ORDER BY sequence_number DESC LIMIT 1`,
  );
  return rows.length === 0 ? null : String(rows[0]?.id);
}

/**
 * Runs statements against the lake as one Iceberg commit (DuckDB sends every table's changes in one
 * `transactions/commit` call). On any error it rolls back, so the tables stay at their previous snapshots.
 *
 * @example
 * await inOneCommit(lake.runner, [`DELETE FROM lake.kol_gold.kpis WHERE dt = DATE '2024-01-01'`, `INSERT INTO … SELECT …`]);
 */
export async function inOneCommit(runner: DuckDBRunner, statements: readonly string[]): Promise<void> {
  await runner.run('BEGIN TRANSACTION');
  try {
    for (const sql of statements) await runner.run(sql);
    await runner.run('COMMIT');
  } catch (error) {
    await runner.run('ROLLBACK').catch(() => {});
    throw error;
  }
}

export interface ReplaceResult {
  /** Rows the replacement holds. */
  readonly rows: number;
  /** False when the table already held exactly these rows where `where` holds: nothing was committed. */
  readonly changed: boolean;
}

/**
 * Makes the rows of `t` where `where` holds equal to the rows of `query`, in one commit: a delete of those
 * rows and an insert of the new ones. When they are already equal (as multisets) nothing is committed, so a
 * re-run adds no snapshot. `query` must yield the table's columns in order.
 *
 * @example
 * await replaceWhere(lake.runner, { namespace: 'kol_gold', name: 'kpis' }, "dt = DATE '2024-01-01'", 'SELECT … FROM …');
 */
export async function replaceWhere(runner: DuckDBRunner, t: TableName, where: string, query: string): Promise<ReplaceResult> {
  const stage = identifier(`kol_stage_${t.namespace}_${t.name}`);
  await runner.run(`CREATE OR REPLACE TEMP TABLE ${stage} AS ${query}`);
  try {
    const [counts] = await runner.rows(
      `SELECT (SELECT count(*) FROM ${stage}) AS n,
              (SELECT count(*) FROM (SELECT * FROM ${stage} EXCEPT ALL SELECT * FROM ${sqlName(t)} WHERE ${where})) AS added,
              (SELECT count(*) FROM (SELECT * FROM ${sqlName(t)} WHERE ${where} EXCEPT ALL SELECT * FROM ${stage})) AS removed`,
    );
    const rows = Number(counts?.n ?? 0);
    if (Number(counts?.added ?? 0) === 0 && Number(counts?.removed ?? 0) === 0) return { rows, changed: false };
    await inOneCommit(runner, [`DELETE FROM ${sqlName(t)} WHERE ${where}`, `INSERT INTO ${sqlName(t)} SELECT * FROM ${stage}`]).catch(
      (error: unknown) => {
        throw new Error(
          `commit to ${displayName(t)} failed; the table is unchanged: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );
      },
    );
    return { rows, changed: true };
  } finally {
    await runner.run(`DROP TABLE IF EXISTS ${stage}`);
  }
}
