import type { KolConfig, Layer } from '../config/index.ts';
import { LAKE_CATALOG } from '../engines/index.ts';
import type { Engine } from './types.ts';

/**
 * The catalog name under which the lake engine attaches the Iceberg REST catalog in DuckDB. Trino names
 * the same catalog `trino.catalog`: on the local profile `lake` (the development Trino's catalog on the
 * embedded catalog, served on 127.0.0.1:8182), so a gold table is `lake.kol_gold.creator_daily` from both
 * engines; on the cluster profile `iceberg` (the REST catalog on MinIO), so `iceberg.kol_gold.creator_daily`
 * in Trino and still `lake.kol_gold.creator_daily` in DuckDB.
 */
export const DUCKDB_LAKE_CATALOG: string = LAKE_CATALOG;

const LAYERS: readonly Layer[] = ['bronze', 'silver', 'gold'];
const PLAIN = /^[a-z_][a-z0-9_]*$/;

const ident = (name: string): string => (PLAIN.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

/**
 * The fully qualified name of a lake table for one engine.
 *
 * @example
 * lakeTable('trino', 'gold', 'creator_daily', cluster);  // 'iceberg.kol_gold.creator_daily'
 * lakeTable('trino', 'gold', 'creator_daily', local);    // 'lake.kol_gold.creator_daily'
 * lakeTable('duckdb', 'gold', 'creator_daily', cluster); // 'lake.kol_gold.creator_daily'
 */
export function lakeTable(engine: Engine, layer: Layer, table: string, config: KolConfig): string {
  const catalog = engine === 'trino' ? config.trino.catalog : DUCKDB_LAKE_CATALOG;
  return [catalog, config.lake.namespaces[layer], table].map(ident).join('.');
}

/**
 * Replaces `{{layer.table}}` with the engine's name for that lake table, so one SQL text runs on both
 * engines. Only table names are substituted (from the config's catalog and namespaces); values still go
 * through parameters.
 *
 * @example
 * expandLakeNames('SELECT count(*) FROM {{gold.creator_daily}}', 'duckdb', config);
 * // 'SELECT count(*) FROM lake.kol_gold.creator_daily'
 */
export function expandLakeNames(sql: string, engine: Engine, config: KolConfig): string {
  return sql.replace(/\{\{\s*([A-Za-z]+)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, layer: string, table: string) => {
    if (!(LAYERS as readonly string[]).includes(layer)) {
      throw new Error(`unknown lake layer '${layer}' in {{${layer}.${table}}} — use one of ${LAYERS.join(', ')}`);
    }
    return lakeTable(engine, layer as Layer, table, config);
  });
}
