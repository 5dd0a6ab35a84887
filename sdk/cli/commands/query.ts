import type { Command } from 'commander';
import { IssuesError } from '../../errors/index.ts';
import {
  bindNamed,
  closeDuckDB,
  ENGINES,
  type Engine,
  jsonRows,
  QueryCanceledError,
  QueryError,
  type SqlValue,
  sql,
  toCsv,
} from '../../query/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { parseParamOption } from './query-params.ts';

interface QueryOptions {
  readonly engine: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly param: readonly [string, SqlValue][];
  readonly lake: boolean;
}

/**
 * `kol-sdk query "SQL"`: ad-hoc SQL on DuckDB (in process, the lake attached when it can be) or Trino.
 * `:name` placeholders take `--param name=value` as bound parameters; `{{gold.table}}` names a lake table
 * in either engine. Ctrl-C cancels a Trino query on the server.
 */
export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('run ad-hoc SQL on DuckDB or Trino; :name placeholders are bound from --param, {{layer.table}} names a lake table')
    .argument('<sql>', 'the SQL text (one statement)')
    .option('--engine <engine>', `engine: ${ENGINES.join(' | ')}`, 'duckdb')
    .option(
      '--param <name=value>',
      'a value for :name, bound as a parameter (repeatable; numbers, true/false, null, else text)',
      parseParamOption,
      [],
    )
    .option('--json', 'machine-readable output: {"engine", "columns", "rows", "rowCount", "elapsedMs", "queryId"}')
    .option('--csv', 'CSV with a header line on stdout')
    .option('--no-lake', 'DuckDB: run on a plain in-memory DuckDB without attaching the lake (faster start)')
    .action(async (text: string, opts: QueryOptions, command: Command) => {
      const ctx = commandContext(command);
      if (!(ENGINES as readonly string[]).includes(opts.engine)) {
        throw new CliError(`unknown engine '${opts.engine}': use one of ${ENGINES.join(', ')}`, EXIT.usage);
      }
      if (opts.json && opts.csv) throw new CliError('choose one of --json and --csv', EXIT.usage);
      const engine = opts.engine as Engine;
      let bound: { sql: string; params: SqlValue[] };
      try {
        bound = bindNamed(text, Object.fromEntries(opts.param));
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage);
      }
      const config = ctx.config({ allowMissingSecrets: true });
      const bar = engine === 'trino' && !opts.csv ? ctx.out.progress(100, 'trino') : undefined;
      try {
        const result = await sql(bound.sql, {
          engine,
          params: bound.params,
          config,
          cancelOnSigint: true,
          lake: opts.lake ? 'auto' : 'none',
          log: (line) => ctx.out.note(line),
          ...(bar ? { onProgress: (p) => bar.update(Math.round(p.percent ?? 0)) } : {}),
        });
        bar?.stop();
        if (opts.csv) {
          process.stdout.write(toCsv(result));
          return;
        }
        const rows = jsonRows(result);
        ctx.out.result(
          {
            engine,
            columns: result.columns,
            rows,
            rowCount: result.rowCount,
            elapsedMs: result.elapsedMs,
            queryId: result.queryId ?? null,
          },
          () => {
            ctx.out.table(rows, Object.keys(rows[0] ?? Object.fromEntries(result.columns.map((c) => [c.name, null]))));
            ctx.out.note(
              `${result.rowCount} row(s) in ${(result.elapsedMs / 1000).toFixed(2)} s on ${engine}${result.queryId ? ` (${result.queryId})` : ''}`,
            );
          },
        );
      } catch (error) {
        bar?.stop();
        if (error instanceof QueryCanceledError) throw new CliError(error.message, EXIT.failure);
        if (error instanceof QueryError) throw new CliError(error.message, EXIT.failure);
        if (error instanceof IssuesError) throw new CliError(error.message, EXIT.usage);
        throw error;
      } finally {
        await closeDuckDB();
      }
    });
}
