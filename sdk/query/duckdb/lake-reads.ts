import type { DuckDBLake } from '../../engines/index.ts';
import { listTables, parseTableName, type TableName } from '../../lake/index.ts';
import { DUCKDB_LAKE_CATALOG } from '../names.ts';

const PART = `(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_]*))`;
const REFERENCE = new RegExp(String.raw`\b${DUCKDB_LAKE_CATALOG}\s*\.\s*${PART}\s*\.\s*${PART}`, 'gi');

/**
 * The existing lake tables a SQL text names as `lake.<namespace>.<table>` (quoted or not). Names of
 * tables that do not exist yet (a `CREATE TABLE lake.…` target) are left out.
 *
 * @example
 * await lakeTablesNamed(lake, 'SELECT * FROM lake.kol_gold.creator_daily_kpis'); // [{ namespace: 'kol_gold', name: 'creator_daily_kpis' }]
 */
export async function lakeTablesNamed(lake: DuckDBLake, text: string): Promise<TableName[]> {
  const named = new Set<string>();
  for (const m of text.matchAll(REFERENCE)) {
    const ns = m[1]?.replaceAll('""', '"') ?? m[2];
    const t = m[3]?.replaceAll('""', '"') ?? m[4];
    if (ns && t) named.add(`${ns}.${t}`);
  }
  if (named.size === 0) return [];
  const existing = new Set(await listTables(lake));
  return [...named].filter((n) => existing.has(n)).map((n) => parseTableName(n));
}
