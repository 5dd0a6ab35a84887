/** The lakehouse: the embedded Iceberg REST catalog and what serves it. */
export {
  CatalogError,
  type CatalogServer,
  type CatalogServerOptions,
  embeddedCatalogStateFile,
  startCatalogServer,
  startEmbeddedCatalog,
  warehouseRoot,
} from './catalog/index.ts';
