/** The embedded Iceberg REST catalog of the local profile. */
export { embeddedCatalogStateFile, startEmbeddedCatalog } from './embedded.ts';
export { CatalogError, type CatalogErrorType } from './errors.ts';
export { type CatalogServer, type CatalogServerOptions, startCatalogServer, warehouseRoot } from './server.ts';
export type { TableMetadata, ViewMetadata } from './types.ts';
