/** The embedded Iceberg REST catalog of the local profile. */
export { embeddedCatalogStateFile, startEmbeddedCatalog } from './embedded.ts';
export { CatalogError, type CatalogErrorType } from './errors.ts';
// Served on a fixed port for Trino and pyiceberg: `kol-sdk catalog serve`, or on the side of a Trino query.
export {
  EMBEDDED_CATALOG_PORT,
  ensureServedCatalog,
  type PortOccupant,
  probeCatalogPort,
  stopServedCatalog,
} from './serve-for-engines.ts';
export { type CatalogServer, type CatalogServerOptions, startCatalogServer, warehouseRoot } from './server.ts';
export type { TableMetadata, ViewMetadata } from './types.ts';
