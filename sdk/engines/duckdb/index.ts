/** DuckDB in process: the lake extensions, the attached Iceberg catalog, a parameter-binding runner. */
export {
  type EnsureOptions,
  type ExtensionInfo,
  ensureLakeExtensions,
  extensionFileFromWheel,
  extensionVersions,
  LAKE_EXTENSIONS,
  type LakeExtension,
} from './extensions.ts';
export { attachSql, type DuckDBLake, LAKE_CATALOG, type OpenDuckDBOptions, openDuckDB, s3Endpoint, s3SecretSql } from './open.ts';
export { type DuckDBRunner, duckdbRunner, type SqlParams } from './runner.ts';
export { identifier, literal } from './sql.ts';
