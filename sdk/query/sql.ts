import { checkReadable, EMBEDDED_CATALOG_PORT, ensureServedCatalog, explainLakeError, probeCatalogPort } from '../lake/index.ts';
import { duckdbHandle, duckdbPages, lakeTablesNamed } from './duckdb/index.ts';
import { QueryError } from './errors.ts';
import { expandLakeNames } from './names.ts';
import { projectConfig } from './project.ts';
import { createResult, type QueryResult } from './result.ts';
import { trinoPages } from './trino/index.ts';
import type { Column, QueryPage, SqlOptions } from './types.ts';

/**
 * Runs `query` and collects every row. `?` placeholders take `params` (bound, never spliced into the
 * text); `{{gold.creator_daily}}` names a lake table in whichever engine runs it.
 *
 * @example
 * const top = await sql('SELECT creator_id, sum(likes) AS likes FROM {{gold.creator_daily}} WHERE day >= ? GROUP BY 1 ORDER BY 2 DESC LIMIT 10',
 *   { engine: 'trino', params: [new Date('2025-01-01')] });
 * top.rows[0]; // { creator_id: 'c-17', likes: 91234n }
 */
export async function sql(query: string, options: SqlOptions = {}): Promise<QueryResult> {
  const started = Date.now();
  const rows: Record<string, unknown>[] = [];
  let columns: readonly Column[] = [];
  let queryId: string | undefined;
  let pages = 0;
  for await (const page of streamSql(query, options)) {
    columns = page.columns;
    queryId ??= page.queryId;
    if (page.rows.length > 0) pages += 1;
    for (const row of page.rows) rows.push(row);
  }
  const engine = options.engine ?? 'duckdb';
  return createResult({ engine, sql: query, columns, rows, pages, elapsedMs: Date.now() - started, queryId });
}

/**
 * Runs `query` and yields its rows page by page as the engine sends them, for results too large to hold
 * or to show progress. Stopping the loop early cancels the query on the engine.
 *
 * @example
 * for await (const page of streamSql('SELECT * FROM {{silver.posts}}', { engine: 'trino' })) {
 *   written += await sink(page.rows);
 * }
 */
export async function* streamSql(query: string, options: SqlOptions = {}): AsyncGenerator<QueryPage> {
  const engine = options.engine ?? 'duckdb';
  const config = options.config ?? projectConfig();
  const text = expandLakeNames(query, engine, config);
  // Out of the caller's synchronous run first: tslab runs a cell's synchronous part under vm's
  // breakOnSigint, which swaps the SIGINT listeners out and back, and a listener added inside that
  // window left the kernel to die on the next interrupt.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const interrupt = interruptOnSigint(options);
  const run = { params: options.params, signal: interrupt.signal, onProgress: options.onProgress };
  try {
    if (engine === 'trino') {
      // On the local profile Trino reads the warehouse through the embedded catalog on its fixed port.
      await ensureServedCatalog(config);
      const { server, user, password, catalog } = config.trino;
      try {
        yield* trinoPages({ server, user, password, catalog }, text, run);
      } catch (error) {
        throw await explainUnservedLake(error, text);
      }
      return;
    }
    const handle = await duckdbHandle(config, {
      ...(options.lake ? { lake: options.lake } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    try {
      const lake = handle.attached;
      if (!lake) {
        yield* duckdbPages(handle.connection, text, run);
        return;
      }
      // A broken manifest would end the process inside DuckDB's scan: the lake tables the text names are
      // checked first, and a failing file is reported with its table.
      const tables = await lakeTablesNamed(lake, text);
      for (const t of tables) await checkReadable(lake, t);
      try {
        yield* duckdbPages(handle.connection, text, run);
      } catch (error) {
        throw await explainLakeError(lake, error, tables);
      }
    } finally {
      handle.release();
    }
  } finally {
    interrupt.dispose();
  }
}

/**
 * Trino's `lake` catalog answers "Error occurred while processing GET request" or "Failed to load view"
 * when nothing serves the embedded catalog on its port (a cluster-profile query naming `lake.…`, or the
 * server gone): say so.
 */
async function explainUnservedLake(error: unknown, text: string): Promise<unknown> {
  if (!(error instanceof QueryError) || !/\blake\b/i.test(text)) return error;
  if (error.errorName !== 'ICEBERG_CATALOG_ERROR' && !/processing (GET|POST|HEAD) request/.test(error.detail)) return error;
  if ((await probeCatalogPort(EMBEDDED_CATALOG_PORT, 'file:///')).kind !== 'free') return error;
  return new QueryError(
    'trino',
    `${error.detail} — Trino's 'lake' catalog reads the embedded catalog on 127.0.0.1:${EMBEDDED_CATALOG_PORT} and nothing serves it: run kol-sdk catalog serve in the project, or query with the local profile (which serves it)`,
    { sql: text, errorName: error.errorName, queryId: error.queryId, cause: error },
  );
}

/**
 * Inside a Jupyter kernel the interrupt button sends SIGINT; tslab then abandons the cell's promise, but
 * the query would keep running on the server. Listening for SIGINT while a query runs cancels it there.
 */
function interruptOnSigint(options: SqlOptions): { signal: AbortSignal | undefined; dispose(): void } {
  const wanted = options.cancelOnSigint ?? process.env.JPY_PARENT_PID !== undefined;
  if (!wanted) return { signal: options.signal, dispose() {} };
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (SIGINT)'));
  process.on('SIGINT', onSigint);
  return {
    signal: options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal,
    dispose: () => process.off('SIGINT', onSigint),
  };
}
