/** Configuration: profiles (`local` | `cluster`), `kol.config.json`, environment variables, redaction. */

export { DUCKDB_ENGINE_VERSION, defaultCacheDir } from './defaults.ts';
export { ENV_VARS } from './env.ts';
export { REDACTED, redactConfig, redactUrl } from './redact.ts';
export { CONFIG_FILE_NAME, DEV_SECRETS_FILE, type ResolveOptions, resolveConfig } from './resolve.ts';
export { type CatalogAuth, type KolConfig, type Layer, PROFILE_NAMES, type ProfileName } from './types.ts';
