/**
 * kol-sdk: the table of contents of the light entry point.
 *
 * Importing this module loads no engine client (no tfjs, Kafka, AWS SDK or DuckDB): notebooks import the
 * feature DSL and configuration from here at once. The doctor, engines, lake, training and services have
 * their own folders' `index.ts`. Heavier parts have their own entry points
 * (`kol-sdk/services`, …) listed in package.json `exports`.
 */

// Configuration: profiles (local | cluster), kol.config.json, environment variables, redaction.
export {
  type CatalogAuth,
  CONFIG_FILE_NAME,
  type KolConfig,
  type Layer,
  PROFILE_NAMES,
  type ProfileName,
  REDACTED,
  redactConfig,
  resolveConfig,
} from './config/index.ts';
// Errors: collected definition problems (code, path, fix) and remote failures (service, retriable, status).
export { formatIssues, type Issue, IssueCollector, IssuesError, RemoteError } from './errors/index.ts';
// The feature DSL: entities, sources, expressions, aggregates, windows, feature sets (pure data, no I/O).
export * from './features/index.ts';
