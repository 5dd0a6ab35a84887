import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { KolConfig } from '../../config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../engines/index.ts';

/** A connection to run one query on, and how to give it back. */
export interface DuckDBHandle {
  readonly connection: DuckDBConnection;
  /** True when the Iceberg lake is attached (`lake.<namespace>.<table>`). */
  readonly lake: boolean;
  /** The attached lake itself, to check and explain reads of its tables. */
  readonly attached?: DuckDBLake;
  release(): void;
}

export interface DuckDBHandleOptions {
  /**
   * `auto` (default): attach the lake through the engines layer and, if that fails (extensions not
   * installable, catalog down), run on a plain DuckDB and say why through `log`. `none`: plain DuckDB.
   */
  readonly lake?: 'auto' | 'none';
  /** Where the fallback to a plain DuckDB is reported (default: stderr). */
  readonly log?: (line: string) => void;
}

interface Session {
  readonly lake: DuckDBLake | undefined;
  readonly plain: DuckDBInstance | undefined;
}

/** One DuckDB per process and mode, shared by every query (a notebook's tables persist between cells). */
const sessions = new Map<string, Promise<Session>>();

async function open(config: KolConfig, options: DuckDBHandleOptions): Promise<Session> {
  if (options.lake !== 'none') {
    try {
      return { lake: await openDuckDB(config), plain: undefined };
    } catch (error) {
      (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(
        `duckdb: lake not attached (${(error as Error).message.split('\n')[0]}); running on a plain DuckDB`,
      );
    }
  }
  return { lake: undefined, plain: await DuckDBInstance.create(config.duckdb.database) };
}

/**
 * A DuckDB connection for the config. With the lake attached it is the engine's own connection (the
 * attach, secrets and loaded extensions live on it); on a plain DuckDB each query gets a fresh connection
 * of a process-wide instance.
 *
 * @example
 * const h = await duckdbHandle(config);
 * try { await h.connection.run('SELECT 1'); } finally { h.release(); }
 */
export async function duckdbHandle(config: KolConfig, options: DuckDBHandleOptions = {}): Promise<DuckDBHandle> {
  const key = `${config.home}|${config.duckdb.database}|${options.lake ?? 'auto'}`;
  let session = sessions.get(key);
  if (!session) {
    session = open(config, options);
    sessions.set(key, session);
    session.catch(() => sessions.delete(key));
  }
  const s = await session;
  if (s.lake) return { connection: s.lake.connection, lake: true, attached: s.lake, release() {} };
  const connection = await (s.plain as DuckDBInstance).connect();
  return { connection, lake: false, release: () => connection.closeSync() };
}

/**
 * Closes every DuckDB this process opened for queries, including the embedded catalog server of the
 * local profile, so that a command-line run can exit.
 *
 * @example
 * try { await sql('SELECT 1'); } finally { await closeDuckDB(); }
 */
export async function closeDuckDB(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  for (const pending of all) {
    const s = await pending.catch(() => undefined);
    await s?.lake?.close();
    s?.plain?.closeSync();
  }
}
