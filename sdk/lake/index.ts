/** The lakehouse: the embedded Iceberg REST catalog and what serves it; tables of the attached lake. */
export {
  CatalogError,
  type CatalogServer,
  type CatalogServerOptions,
  embeddedCatalogStateFile,
  startCatalogServer,
  startEmbeddedCatalog,
  warehouseRoot,
} from './catalog/index.ts';
// Naming tables.
export { displayName, parseTableName, sqlName, type TableName } from './names.ts';
// Creating tables and committing to them.
export {
  currentSnapshotId,
  ensureTable,
  inOneCommit,
  type ReplaceResult,
  replaceWhere,
  type TableDefinition,
  tableExists,
} from './write.ts';
