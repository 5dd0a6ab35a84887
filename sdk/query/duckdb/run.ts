import { type DuckDBConnection, JSDuckDBValueConverter } from '@duckdb/node-api';
import { QueryCanceledError, QueryError } from '../errors.ts';
import { uniqueKeys } from '../trino/index.ts';
import type { Column, QueryPage, QueryProgress, SqlValue } from '../types.ts';
import { duckdbParams } from './params.ts';

export interface DuckDBRunOptions {
  readonly params?: readonly SqlValue[] | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: QueryProgress) => void) | undefined;
}

/**
 * Runs one statement as a prepared statement on `connection` and yields its rows chunk by chunk
 * (DuckDB's vectors of up to 2048 rows), converted to the JS values of `@duckdb/node-api`'s JS converter.
 * Aborting `signal` interrupts the connection.
 *
 * @example
 * for await (const page of duckdbPages(conn, 'SELECT * FROM range(?)', { params: [10] })) console.log(page.rows);
 */
export async function* duckdbPages(connection: DuckDBConnection, sql: string, options: DuckDBRunOptions = {}): AsyncGenerator<QueryPage> {
  options.signal?.throwIfAborted();
  const started = Date.now();
  const onAbort = () => connection.interrupt();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const prepared = await connection.prepare(sql);
    if (options.params && options.params.length > 0) {
      const { values, types } = duckdbParams(options.params);
      prepared.bind(values, types);
    }
    const result = await prepared.stream();
    const names = result.columnNames();
    const columns: Column[] = names.map((name, i) => ({ name, type: String(result.columnTypes()[i]) }));
    const keys = uniqueKeys(names);
    let rows = 0;
    let pages = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const out = chunk.convertRows(JSDuckDBValueConverter).map((values) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) o[keys[i] as string] = values[i] ?? null;
        return o;
      });
      rows += out.length;
      pages += 1;
      options.onProgress?.(progress(connection, rows, pages, started, 'RUNNING'));
      yield { columns, rows: out, queryId: undefined };
    }
    if (pages === 0) yield { columns, rows: [], queryId: undefined };
    options.onProgress?.(progress(connection, rows, pages, started, 'FINISHED'));
  } catch (error) {
    if (options.signal?.aborted) throw new QueryCanceledError('duckdb', undefined, error);
    throw duckdbQueryError(error, sql);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function progress(connection: DuckDBConnection, rows: number, pages: number, started: number, state: string): QueryProgress {
  const p = connection.progress;
  return {
    engine: 'duckdb',
    state,
    rows,
    pages,
    percent: p.percentage >= 0 ? p.percentage : undefined,
    processedRows: Number(p.rows_processed),
    elapsedMs: Date.now() - started,
    queryId: undefined,
  };
}

/**
 * DuckDB's error as a {@link QueryError}: its kind (`Catalog Error` → `CATALOG_ERROR`) and, when the
 * message quotes the statement (`LINE 2: …` with a caret below), the line and column.
 */
export function duckdbQueryError(error: unknown, sql: string): unknown {
  if (!(error instanceof Error) || error instanceof QueryError) return error;
  const text = error.message;
  const kind = /^([A-Za-z ]+?) Error: /.exec(text)?.[1];
  const detail = text.replace(/\n\nLINE \d+:[\s\S]*$/, '').replace(/^[A-Za-z ]+? Error: /, '');
  const quote = /LINE (\d+): (.*)\n( *)\^/.exec(text);
  let position: { line: number; column: number } | undefined;
  if (quote) {
    const line = Number(quote[1]);
    const prefix = `LINE ${quote[1]}: `.length;
    const shown = quote[2] ?? '';
    const caret = (quote[3] ?? '').length - prefix;
    // DuckDB shortens long lines around the error with "..."; find the shown text in the real line.
    const real = sql.split(/\r?\n/)[line - 1] ?? '';
    const offset = shown.startsWith('...') ? real.indexOf(shown.slice(3, Math.max(3, caret))) - 3 : 0;
    position = { line, column: Math.max(0, offset) + caret + 1 };
  }
  return new QueryError('duckdb', detail.trim(), {
    sql,
    errorName: kind ? `${kind.toUpperCase().replaceAll(' ', '_')}_ERROR` : undefined,
    position,
    cause: error,
  });
}
