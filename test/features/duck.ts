import { DuckDBInstance } from '@duckdb/node-api';
import type { SourceDef } from '../../sdk/features/index.ts';

/** An in-memory DuckDB with helpers to load seeded rows and read results back as JS values. */
export interface Duck {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

export async function openDuck(): Promise<Duck> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await db.connect();
  return {
    run: async (sql) => {
      await conn.run(sql);
    },
    rows: async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    close: () => {
      conn.closeSync();
      db.closeSync();
    },
  };
}

const SQL_TYPE: Record<string, string> = { string: 'VARCHAR', int64: 'BIGINT', float64: 'DOUBLE', bool: 'BOOLEAN', timestamp: 'TIMESTAMP' };

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return `TIMESTAMP '${v.toISOString().replace('T', ' ').replace('Z', '')}'`;
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}.0` : String(v);
  return String(v);
}

/** Creates `table` with the source's column types and inserts `rows`. */
export async function loadSource(duck: Duck, table: string, source: SourceDef, rows: readonly Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(source.columns);
  await duck.run(
    `CREATE OR REPLACE TABLE ${table} (${names.map((n) => `"${n}" ${SQL_TYPE[source.columns[n]?.type ?? 'string']}`).join(', ')})`,
  );
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (chunk.length === 0) break;
    await duck.run(`INSERT INTO ${table} VALUES ${chunk.map((r) => `(${names.map((n) => literal(r[n])).join(', ')})`).join(', ')}`);
  }
}

export async function loadSpine(
  duck: Duck,
  table: string,
  keys: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE ${table} (${[...keys.map((k) => `"${k}" VARCHAR`), '"as_of" TIMESTAMP'].join(', ')})`);
  if (rows.length > 0) {
    await duck.run(
      `INSERT INTO ${table} VALUES ${rows.map((r) => `(${[...keys, 'as_of'].map((n) => literal(r[n])).join(', ')})`).join(', ')}`,
    );
  }
}
