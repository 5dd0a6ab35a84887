import { identifier } from '../engines/duckdb/sql.ts';

/** A table of the lake, by namespace and name. */
export interface TableName {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Reads `ns.table` (or `lake.ns.table`) into its parts.
 *
 * @example parseTableName('kol_silver.posts') // { namespace: 'kol_silver', name: 'posts' }
 */
export function parseTableName(text: string): TableName {
  const parts = text.split('.');
  if (parts[0] === 'lake' && parts.length === 3) parts.shift();
  if (parts.length !== 2 || parts.some((p) => p.length === 0)) {
    throw new Error(`'${text}' is not a table name: write <namespace>.<table>, e.g. kol_silver.posts`);
  }
  return { namespace: parts[0] as string, name: parts[1] as string };
}

/** The table as DuckDB names it once the catalog is attached: `lake."ns"."t"`. */
export function sqlName(t: TableName): string {
  return `lake.${identifier(t.namespace)}.${identifier(t.name)}`;
}

/** `ns.t` */
export function displayName(t: TableName): string {
  return `${t.namespace}.${t.name}`;
}
