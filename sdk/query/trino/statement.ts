import { RemoteError } from '../../errors/index.ts';
import { QueryCanceledError, QueryError, splitPositionPrefix } from '../errors.ts';
import type { Column, QueryPage, QueryProgress, SqlValue } from '../types.ts';
import { trinoHttp } from './http.ts';
import { trinoLiteral } from './literals.ts';
import type { TrinoError, TrinoResponse } from './protocol.ts';
import { trinoConverter } from './values.ts';

export interface TrinoConnection {
  /** `http://127.0.0.1:8080` */
  readonly server: string;
  readonly user: string;
  readonly password?: string | undefined;
  readonly catalog?: string | undefined;
  readonly schema?: string | undefined;
  /** Session properties for this statement (`X-Trino-Session`), e.g. `iceberg.expire_snapshots_min_retention`. */
  readonly session?: Readonly<Record<string, string>> | undefined;
}

export interface TrinoRunOptions {
  readonly params?: readonly SqlValue[] | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: QueryProgress) => void) | undefined;
}

/** The prepared statement's name, local to one request (the header carries it; no session keeps it). */
const STATEMENT = 'kol_stmt';

/**
 * Runs one statement on Trino and yields its rows page by page as they arrive (`/v1/statement`, then
 * each `nextUri`). Leaving the loop early, aborting `signal`, or an error while pages are pending cancels
 * the query on the server (DELETE of the current `nextUri`: Trino marks it FAILED with USER_CANCELED).
 * With `params`, the SQL text is sent untouched as a prepared statement (`X-Trino-Prepared-Statement`)
 * and run by `EXECUTE … USING` with one typed literal per value, so that error positions refer to the
 * caller's SQL.
 *
 * @example
 * for await (const page of trinoPages(conn, 'SELECT * FROM iceberg.kol_gold.creator_daily WHERE day > ?', { params: [since] })) {
 *   console.log(page.rows.length);
 * }
 */
export async function* trinoPages(connection: TrinoConnection, sql: string, options: TrinoRunOptions = {}): AsyncGenerator<QueryPage> {
  const headers = baseHeaders(connection);
  let body = sql;
  if (options.params && options.params.length > 0) {
    headers['X-Trino-Prepared-Statement'] = `${STATEMENT}=${encodeURIComponent(sql)}`;
    body = `EXECUTE ${STATEMENT} USING ${options.params.map((p) => trinoLiteral(p)).join(', ')}`;
  }
  options.signal?.throwIfAborted();
  const started = Date.now();
  // The POST is not tied to the signal: once sent, the query exists on the server, and only its answer
  // carries the nextUri needed to cancel it.
  const first = await trinoHttp('POST', `${connection.server.replace(/\/$/, '')}/v1/statement`, headers, { body });
  let page = parse(first.status, first.text);
  let nextUri = page.nextUri;
  let columns: Column[] | undefined;
  let keys: string[] = [];
  let converters: ((v: unknown) => unknown)[] = [];
  let rows = 0;
  let pages = 0;
  try {
    for (;;) {
      if (page.error) {
        nextUri = undefined;
        throw trinoQueryError(page.error, sql, page.id);
      }
      if (page.columns && !columns) {
        columns = page.columns.map((c) => ({ name: c.name, type: c.type }));
        keys = uniqueKeys(columns.map((c) => c.name));
        converters = page.columns.map((c) => trinoConverter(c));
      }
      if (page.data && page.data.length > 0 && columns) {
        const out = page.data.map((row) => {
          const o: Record<string, unknown> = {};
          for (let i = 0; i < keys.length; i++) {
            const v = row[i];
            o[keys[i] as string] = v === null || v === undefined ? null : (converters[i] as (v: unknown) => unknown)(v);
          }
          return o;
        });
        rows += out.length;
        pages += 1;
        options.onProgress?.(progressOf(page, rows, pages, started));
        yield { columns, rows: out, queryId: page.id };
      } else {
        options.onProgress?.(progressOf(page, rows, pages, started));
      }
      nextUri = page.nextUri;
      if (!nextUri) {
        // A statement without a result set (DDL, INSERT) still reports its columns, or none: keep the shape.
        if (pages === 0) yield { columns: columns ?? [], rows: [], queryId: page.id };
        return;
      }
      const answer = await trinoHttp('GET', nextUri, headers, { signal: options.signal });
      page = parse(answer.status, answer.text);
    }
  } catch (error) {
    if (options.signal?.aborted) {
      const id = page.id;
      if (nextUri) await cancel(nextUri, headers);
      nextUri = undefined;
      throw new QueryCanceledError('trino', id, error);
    }
    throw error;
  } finally {
    // Reached with a pending nextUri when the consumer stops iterating (break, return, throw).
    if (nextUri) await cancel(nextUri, headers);
  }
}

/** DELETE of the statement's nextUri: Trino cancels the query (state FAILED, error USER_CANCELED). */
async function cancel(nextUri: string, headers: Readonly<Record<string, string>>): Promise<void> {
  try {
    await trinoHttp('DELETE', nextUri, headers, { timeoutMs: 10_000 });
  } catch {
    // The server is gone or already dropped the query; it abandons unpolled queries on its own.
  }
}

function baseHeaders(c: TrinoConnection): Record<string, string> {
  const h: Record<string, string> = {
    'X-Trino-User': c.user,
    'X-Trino-Source': 'kol-sdk',
    'Content-Type': 'text/plain; charset=utf-8',
  };
  if (c.catalog) h['X-Trino-Catalog'] = c.catalog;
  if (c.schema) h['X-Trino-Schema'] = c.schema;
  const session = Object.entries(c.session ?? {});
  if (session.length > 0) h['X-Trino-Session'] = session.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join(',');
  if (c.password) h.Authorization = `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`;
  return h;
}

function parse(status: number, text: string): TrinoResponse {
  if (status === 200) {
    try {
      return JSON.parse(text) as TrinoResponse;
    } catch (error) {
      throw new RemoteError('trino', `answered 200 with a body that is not JSON: ${text.slice(0, 200)}`, { status, cause: error });
    }
  }
  // A syntax error in a prepared statement is refused before the query exists, as plain text:
  // "Invalid X-Trino-Prepared-Statement header: line 2:3: mismatched input 'FROM'…"
  const prepared = /^Error \d+ [^:]*: Invalid X-Trino-Prepared-Statement header: ([\s\S]*)$/.exec(text.trim());
  if (status === 400 && prepared) {
    const { position, detail } = splitPositionPrefix(prepared[1] ?? '');
    return { error: { message: detail, errorName: 'SYNTAX_ERROR', errorType: 'USER_ERROR', ...errorLocation(position) } };
  }
  if (status === 401 || status === 403) {
    throw new RemoteError('trino', `refused the credentials (HTTP ${status}) — check trino.user / TRINO_PASSWORD`, { status });
  }
  throw new RemoteError('trino', `answered HTTP ${status}: ${text.slice(0, 300)}`, { status, retriable: status >= 500 });
}

function errorLocation(position: { line: number; column: number } | undefined): Pick<TrinoError, 'errorLocation'> {
  return position ? { errorLocation: { lineNumber: position.line, columnNumber: position.column } } : {};
}

/** Trino's error object as a {@link QueryError}: message, error name and the position in `sql`. */
export function trinoQueryError(error: TrinoError, sql: string, queryId: string | undefined): QueryError {
  const { position: fromText, detail } = splitPositionPrefix(error.message ?? 'query failed');
  const loc = error.errorLocation;
  const position = loc ? { line: loc.lineNumber, column: loc.columnNumber } : fromText;
  return new QueryError('trino', detail, {
    sql,
    errorName: error.errorName,
    errorType: error.errorType,
    position,
    queryId,
    retriable: error.errorType === 'INSUFFICIENT_RESOURCES' || error.errorName === 'NO_NODES_AVAILABLE',
  });
}

function progressOf(page: TrinoResponse, rows: number, pages: number, started: number): QueryProgress {
  const s = page.stats ?? {};
  return {
    engine: 'trino',
    state: s.state ?? 'UNKNOWN',
    rows,
    pages,
    percent: s.progressPercentage,
    processedRows: s.processedRows,
    elapsedMs: s.elapsedTimeMillis ?? Date.now() - started,
    queryId: page.id,
  };
}

/** Result keys for column names: a repeated name gets a suffix (`n`, `n_2`) so no value is lost. */
export function uniqueKeys(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}
