import type { KolConfig } from '../config/index.ts';

/** The two SQL engines of the workbench: DuckDB in process, Trino as a server. */
export type Engine = 'duckdb' | 'trino';
export const ENGINES: readonly Engine[] = ['duckdb', 'trino'];

/**
 * A value bound to a `?` placeholder. It travels as a typed parameter, never as text spliced into the
 * query: DuckDB binds it to a prepared statement, Trino receives it in `EXECUTE … USING`.
 */
export type SqlValue = string | number | bigint | boolean | null | Date | Uint8Array | readonly SqlValue[];

/** One result column as the engine names and types it (`bigint`, `varchar`, `TIMESTAMP WITH TIME ZONE`…). */
export interface Column {
  readonly name: string;
  readonly type: string;
}

/** How far a running query is; `percent` is the engine's own estimate when it gives one. */
export interface QueryProgress {
  readonly engine: Engine;
  readonly state: string;
  /** Rows received by the client so far. */
  readonly rows: number;
  /** Pages (Trino) or chunks (DuckDB) received so far. */
  readonly pages: number;
  readonly percent: number | undefined;
  /** Rows the engine has read from its sources, when it reports it. */
  readonly processedRows: number | undefined;
  readonly elapsedMs: number;
  readonly queryId: string | undefined;
}

/** A batch of rows as it arrives from the engine. */
export interface QueryPage {
  readonly columns: readonly Column[];
  readonly rows: readonly Record<string, unknown>[];
  readonly queryId: string | undefined;
}

export interface SqlOptions {
  /** Default `duckdb`. */
  readonly engine?: Engine;
  /** Values for the `?` placeholders, in order. */
  readonly params?: readonly SqlValue[];
  /** Aborting cancels the query on the engine (Trino: DELETE of the statement's nextUri). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: QueryProgress) => void;
  /** Default: the project's config (the nearest folder with `kol.config.json` or `package.json`). */
  readonly config?: KolConfig;
  /**
   * Cancel on SIGINT (a notebook's interrupt button, Ctrl-C). Default: true inside a Jupyter kernel,
   * where the interrupt otherwise only abandons the cell and leaves the query running on the server.
   */
  readonly cancelOnSigint?: boolean;
  /** DuckDB only: `auto` attaches the Iceberg lake when it can (default), `none` runs on a plain DuckDB. */
  readonly lake?: 'auto' | 'none';
  /** Notes such as the fallback to a plain DuckDB (default: stderr). */
  readonly log?: (line: string) => void;
}
