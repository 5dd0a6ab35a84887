import { sql } from './sql.ts';
import type { Engine, SqlOptions } from './types.ts';

/** The statement runner the training-frame builder takes (`sdk/frame`'s `SqlRunner`), by shape. */
export interface QueryRunner {
  readonly dialect: Engine;
  rows(query: string): Promise<Record<string, unknown>[]>;
  run(query: string): Promise<void>;
}

/**
 * A runner over {@link sql} for one engine, so a notebook can build a training frame on the same
 * connection its ad-hoc queries use (DuckDB tables created in one cell are visible to the next).
 *
 * @example
 * const frame = await buildTrainingFrame(spec, sqlRunner({ engine: 'duckdb' }));
 */
export function sqlRunner(options: Omit<SqlOptions, 'params'> = {}): QueryRunner {
  return {
    dialect: options.engine ?? 'duckdb',
    rows: async (query) => [...(await sql(query, options)).rows] as Record<string, unknown>[],
    run: async (query) => {
      await sql(query, options);
    },
  };
}
