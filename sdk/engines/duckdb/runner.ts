import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { type Table, tableFromArrays } from 'apache-arrow';

/** Values bound to `?` or `$name` placeholders; never spliced into the SQL text. */
export type SqlParams = readonly DuckDBValue[] | Readonly<Record<string, DuckDBValue>>;

/**
 * Runs SQL on one DuckDB connection with values bound as parameters. Rows come back as plain JS values
 * (BIGINT as `bigint`, TIMESTAMP as `Date`-like objects converted by DuckDB's JS conversion).
 */
export interface DuckDBRunner {
  readonly dialect: 'duckdb';
  readonly connection: DuckDBConnection;
  /** Rows as objects keyed by column name. */
  rows(sql: string, params?: SqlParams): Promise<Record<string, unknown>[]>;
  /** Runs a statement whose result is not needed. */
  run(sql: string, params?: SqlParams): Promise<void>;
  /** The result as an Arrow table (columns converted from DuckDB's JS values). */
  arrow(sql: string, params?: SqlParams): Promise<Table>;
}

const bind = (params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined =>
  params === undefined ? undefined : Array.isArray(params) ? [...params] : { ...(params as Record<string, DuckDBValue>) };

/**
 * A runner over an open connection.
 *
 * @example
 * const runner = duckdbRunner(connection);
 * const rows = await runner.rows('SELECT * FROM lake.kol_gold.scores WHERE creator_id = ?', ['c-42']);
 */
export function duckdbRunner(connection: DuckDBConnection): DuckDBRunner {
  return {
    dialect: 'duckdb',
    connection,
    async rows(sql, params) {
      const reader = await connection.runAndReadAll(sql, bind(params));
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    async run(sql, params) {
      await connection.run(sql, bind(params));
    },
    async arrow(sql, params) {
      const reader = await connection.runAndReadAll(sql, bind(params));
      const columns = reader.getColumnsObjectJS() as Record<string, unknown[]>;
      return tableFromArrays(Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, toArrowColumn(values)])));
    },
  };
}

/** Numbers go to typed arrays (BIGINT to BigInt64Array); anything else stays a plain array Arrow infers. */
function toArrowColumn(values: unknown[]): unknown[] | Float64Array | BigInt64Array {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === values.length && present.length > 0) {
    if (present.every((v) => typeof v === 'bigint')) return BigInt64Array.from(present as bigint[]);
    if (present.every((v) => typeof v === 'number')) return Float64Array.from(present as number[]);
  }
  return values;
}
