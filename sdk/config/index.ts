/** Configuration: profiles (`local` | `cluster`), `kol.config.json`, environment variables, redaction. */
export { resolveConfig, CONFIG_FILE_NAME, DEV_SECRETS_FILE, type ResolveOptions } from './resolve.ts';
export { redactConfig, redactUrl, REDACTED } from './redact.ts';
export { ENV_VARS } from './env.ts';
export { DUCKDB_ENGINE_VERSION, defaultCacheDir } from './defaults.ts';
export { PROFILE_NAMES, type KolConfig, type ProfileName, type Layer, type CatalogAuth } from './types.ts';
