import { join } from 'node:path';
import type { KolConfig } from '../../config/index.ts';
import { type CatalogServer, startCatalogServer } from './server.ts';

/** Where the local profile keeps the embedded catalog's state: beside the warehouse, under `.kol/`. */
export function embeddedCatalogStateFile(config: KolConfig): string {
  return join(config.home, 'catalog', 'catalog.db');
}

/**
 * Serves the local profile's catalog (its warehouse, its state file) on 127.0.0.1. Every process that opens
 * the lake starts its own; they share the state file and so see and serialize each other's commits.
 *
 * @example
 * const catalog = await startEmbeddedCatalog(resolveConfig({ profile: 'local' }));
 * console.log(catalog.uri);
 * await catalog.close();
 */
export function startEmbeddedCatalog(config: KolConfig, port?: number, options: { unref?: boolean } = {}): Promise<CatalogServer> {
  return startCatalogServer({
    warehouse: config.lake.warehouse,
    stateFile: embeddedCatalogStateFile(config),
    host: '127.0.0.1',
    ...(port === undefined ? {} : { port }),
    ...(options.unref ? { unref: true } : {}),
  });
}
