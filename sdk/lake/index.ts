/** The lakehouse: the embedded Iceberg REST catalog and what serves it; tables of the attached lake. */

// An append whose columns do not fit the table is refused before it writes, position by position.
export { type ColumnMisfit, type ColumnType, checkAppendFits, fits, misfits } from './append-fit.ts';
export {
  CatalogError,
  type CatalogServer,
  type CatalogServerOptions,
  EMBEDDED_CATALOG_PORT,
  embeddedCatalogStateFile,
  ensureServedCatalog,
  type PortOccupant,
  probeCatalogPort,
  startCatalogServer,
  startEmbeddedCatalog,
  stopServedCatalog,
  warehouseRoot,
} from './catalog/index.ts';
// Bad files: which file of which table is missing or corrupt, checked before a scan and named after a failed read.
export { diagnoseTable, type FileProblem, type LakeFileKind } from './diagnose.ts';
// Tables: metadata, scans with projection, filters and time travel, writes.
export { brokenFileFix, LakeError, lakeFileError, unknownTableError } from './errors.ts';
// Interop: pyiceberg against the same catalog.
export { ensurePyiceberg, PYICEBERG_VERSION, type PyicebergCatalog, type PyicebergResult, pyiceberg } from './interop/index.ts';
export { type CompactResult, compactTable, type ExpireOptions, type ExpireResult, expireSnapshots } from './maintenance.ts';
// Orphan files of the local lake; the cluster's maintenance runs through Trino's ALTER TABLE … EXECUTE.
export { ORPHAN_DEFAULT_AGE_MS, type OrphanOptions, type OrphanResult, removeOrphanFiles } from './maintenance-orphans.ts';
export { compactTableTrino, expireSnapshotsTrino, removeOrphanFilesTrino, type TrinoStatements } from './maintenance-trino.ts';
// Naming tables.
export { displayName, parseTableName, sqlName, type TableName } from './names.ts';
export { checkReadable, explainLakeError, readingLake } from './read-errors.ts';
export { type FileInfo, isCommitConflict, type LakeTable, lakeTable, listTables, retryOnConflict, type ScanOptions } from './table.ts';
export {
  type ColumnInfo,
  describeTable,
  loadTableMetadata,
  type PartitionFieldInfo,
  type SnapshotInfo,
  type TableInfo,
} from './table-metadata.ts';
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
