import type { Table } from 'apache-arrow';
import { rowsToArrow } from './arrow.ts';
import { type DataFrameLike, rowsToDataFrame } from './dataframe.ts';
import type { Column, Engine } from './types.ts';

/**
 * A finished query: its columns as the engine typed them, its rows as objects, and the same data as an
 * Arrow table or (with danfojs-node installed) a DataFrame.
 */
export interface QueryResult {
  readonly engine: Engine;
  readonly sql: string;
  readonly columns: readonly Column[];
  /** Each row keyed by column name (a repeated name gets a suffix: `n`, `n_2`). */
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number;
  /** Pages (Trino) or chunks (DuckDB) the rows came in. */
  readonly pages: number;
  readonly elapsedMs: number;
  /** Trino's query id (for `system.runtime.queries` and the web UI); undefined on DuckDB. */
  readonly queryId: string | undefined;
  toArrow(): Table;
  toDataFrame(): DataFrameLike;
}

export function createResult(fields: Omit<QueryResult, 'toArrow' | 'toDataFrame' | 'rowCount'>): QueryResult {
  const keys = fields.rows.length > 0 ? Object.keys(fields.rows[0] as object) : undefined;
  return {
    ...fields,
    rowCount: fields.rows.length,
    toArrow: () => rowsToArrow(fields.columns, fields.rows, keys),
    toDataFrame: () => rowsToDataFrame(fields.columns, fields.rows, keys),
  };
}
