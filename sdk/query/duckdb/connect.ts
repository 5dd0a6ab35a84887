import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { KolConfig } from '../../config/index.ts';

/** A connection to run one query on, and how to give it back. */
export interface DuckDBHandle {
  readonly connection: DuckDBConnection;
  /** True when the connection comes from the lake engine (`lake.<namespace>.<table>` is attached). */
  readonly lake: boolean;
  release(): void;
}

/**
 * The engines layer's `openDuckDB(config)` gives a DuckDB with the Iceberg lake attached as `lake`. It is
 * being written alongside this module; until its module exists, queries run on a plain DuckDB (in memory,
 * or `duckdb.database`), where the gold tables are absent. Looked up at run time so that neither layer
 * waits for the other.
 */
const ENGINES_MODULE = new URL('../../engines/index.ts', import.meta.url);

let lakeOpen: Promise<DuckDBConnection | undefined> | undefined;
const plain = new Map<string, Promise<DuckDBInstance>>();

/**
 * A DuckDB connection for the config: the lake engine's when it is available, else a fresh connection on
 * a process-wide instance of `config.duckdb.database` (one per database, so a notebook's tables persist
 * between cells).
 *
 * @example
 * const h = await duckdbHandle(config);
 * try { await h.connection.run('SELECT 1'); } finally { h.release(); }
 */
export async function duckdbHandle(config: KolConfig): Promise<DuckDBHandle> {
  lakeOpen ??= openLake(config);
  const lakeConnection = await lakeOpen;
  if (lakeConnection) return { connection: lakeConnection, lake: true, release() {} };
  const key = config.duckdb.database;
  let instance = plain.get(key);
  if (!instance) {
    instance = DuckDBInstance.create(key);
    plain.set(key, instance);
  }
  const connection = await (await instance).connect();
  return { connection, lake: false, release: () => connection.closeSync() };
}

async function openLake(config: KolConfig): Promise<DuckDBConnection | undefined> {
  if (!existsSync(fileURLToPath(ENGINES_MODULE))) return undefined;
  const engines = (await import(ENGINES_MODULE.href)) as { openDuckDB?: (config: KolConfig) => Promise<unknown> };
  if (typeof engines.openDuckDB !== 'function') return undefined;
  const opened = (await engines.openDuckDB(config)) as Record<string, unknown>;
  // Accept the shapes the engine may return: a connection, an instance, or an object holding one.
  if (typeof opened.prepare === 'function') return opened as unknown as DuckDBConnection;
  if (opened.connection && typeof (opened.connection as Record<string, unknown>).prepare === 'function') {
    return opened.connection as DuckDBConnection;
  }
  if (typeof opened.connect === 'function') return (await (opened.connect as () => Promise<DuckDBConnection>)()) as DuckDBConnection;
  return undefined;
}
