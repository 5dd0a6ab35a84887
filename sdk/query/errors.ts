import { RemoteError } from '../errors/index.ts';
import type { Engine } from './types.ts';

/** Where in the submitted SQL an error points, 1-based. */
export interface SqlPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * A query the engine rejected or failed: the engine's message, its error name (`SYNTAX_ERROR`,
 * `TABLE_NOT_FOUND`…) and the position in the SQL, with the offending line quoted under the message.
 *
 * @example
 * try { await sql('SELEC 1', { engine: 'trino' }); }
 * catch (e) { if (e instanceof QueryError) console.log(e.errorName, e.position); }
 */
export class QueryError extends RemoteError {
  readonly engine: Engine;
  readonly errorName: string | undefined;
  readonly errorType: string | undefined;
  readonly position: SqlPosition | undefined;
  readonly queryId: string | undefined;
  /** The engine's message alone, without position prefix or excerpt. */
  readonly detail: string;

  constructor(
    engine: Engine,
    detail: string,
    options: {
      sql: string;
      errorName?: string | undefined;
      errorType?: string | undefined;
      position?: SqlPosition | undefined;
      queryId?: string | undefined;
      status?: number;
      retriable?: boolean;
      cause?: unknown;
    },
  ) {
    const where = options.position ? ` at line ${options.position.line}, column ${options.position.column}` : '';
    const name = options.errorName ? ` [${options.errorName}]` : '';
    const excerpt = options.position ? `\n${sqlExcerpt(options.sql, options.position)}` : '';
    super(engine, `${detail}${name}${where}${excerpt}`, {
      retriable: options.retriable ?? false,
      ...(options.status === undefined ? {} : { status: options.status }),
      ...(options.errorName === undefined ? {} : { remoteCode: options.errorName }),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.name = 'QueryError';
    this.engine = engine;
    this.detail = detail;
    this.errorName = options.errorName;
    this.errorType = options.errorType;
    this.position = options.position;
    this.queryId = options.queryId;
  }
}

/** The query was canceled by its caller (AbortSignal, Ctrl-C, a notebook interrupt) and on the engine. */
export class QueryCanceledError extends Error {
  readonly engine: Engine;
  readonly queryId: string | undefined;
  constructor(engine: Engine, queryId: string | undefined, cause?: unknown) {
    super(`${engine}: query ${queryId ? `${queryId} ` : ''}canceled`, cause === undefined ? undefined : { cause });
    this.name = 'QueryCanceledError';
    this.engine = engine;
    this.queryId = queryId;
  }
}

/**
 * The line an error points at, numbered, with a caret under the column.
 *
 * @example
 * sqlExcerpt('SELECT 1\nFROM nope', { line: 2, column: 6 });
 * // '  2 | FROM nope\n    |      ^'
 */
export function sqlExcerpt(sql: string, position: SqlPosition): string {
  const lines = sql.split(/\r?\n/);
  const text = lines[position.line - 1];
  if (text === undefined) return '';
  const gutter = String(position.line);
  const caret = `${' '.repeat(Math.max(0, position.column - 1))}^`;
  return `  ${gutter} | ${text}\n  ${' '.repeat(gutter.length)} | ${caret}`;
}

/** `line 2:8: Schema 'x' does not exist` → the position and the message without its prefix. */
export function splitPositionPrefix(message: string): { position: SqlPosition | undefined; detail: string } {
  const match = /^line (\d+):(\d+): ([\s\S]*)$/.exec(message.trim());
  if (!match) return { position: undefined, detail: message.trim() };
  return { position: { line: Number(match[1]), column: Number(match[2]) }, detail: (match[3] ?? '').trim() };
}
