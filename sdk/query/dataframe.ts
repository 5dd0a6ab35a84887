import { createRequire } from 'node:module';
import type { Column } from './types.ts';

/** The subset of a danfo.js DataFrame the workbench relies on. */
export interface DataFrameLike {
  readonly columns: string[];
  readonly dtypes: string[];
  readonly shape: number[];
  readonly values: unknown[];
}

const load = createRequire(import.meta.url);

/**
 * Loads `danfojs-node` when it is installed (it is optional: it brings TensorFlow.js), else undefined.
 *
 * @example
 * const dfd = danfo(); if (dfd) new dfd.DataFrame(rows);
 */
export function danfo(): { DataFrame: new (data: unknown, options?: unknown) => DataFrameLike } | undefined {
  try {
    return load('danfojs-node') as { DataFrame: new (data: unknown, options?: unknown) => DataFrameLike };
  } catch {
    return undefined;
  }
}

/**
 * Rows as a danfo.js DataFrame. danfo has no bigint and no Date columns: bigints become numbers (exact
 * below 2^53) and Dates their epoch milliseconds; the column order is the query's.
 *
 * @example
 * const df = rowsToDataFrame(result.columns, result.rows); df.describe().print();
 */
export function rowsToDataFrame(
  columns: readonly Column[],
  rows: readonly Record<string, unknown>[],
  keys?: readonly string[],
): DataFrameLike {
  const dfd = danfo();
  if (!dfd) throw new Error('the DataFrame view needs danfojs-node: npm install danfojs-node (see docs/workbench.md)');
  const names = columns.map((c, i) => keys?.[i] ?? c.name);
  const data = rows.map((r) => names.map((k) => plain(r[k])));
  return new dfd.DataFrame(data, { columns: names });
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  if (v === undefined) return null;
  return v;
}
