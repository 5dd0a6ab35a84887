import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProfileOverrides } from './file-schema.ts';
import type { ProfileName } from './types.ts';

/** The DuckDB engine version the extensions are pinned to (see README: engine setup). */
export const DUCKDB_ENGINE_VERSION = 'v1.5.5';

/** Cached installs shared by every project on the machine. `KOL_CACHE_DIR` moves it (CI caches it). */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.KOL_CACHE_DIR?.trim();
  if (fromEnv) return fromEnv;
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join(xdg || join(homedir(), '.cache'), 'kol-sdk');
}

/**
 * Built-in defaults of each profile, before `kol.config.json` and the environment.
 * Ports are the ones the development services bind (README: services); no secret has a default.
 */
export function profileDefaults(profile: ProfileName, home: string, cwd: string, cacheDir: string): ProfileOverrides {
  const shared = {
    duckdb: { database: ':memory:', extensionDirectory: join(cacheDir, 'duckdb-extensions', DUCKDB_ENGINE_VERSION) },
    lake: {
      namespaces: { bronze: 'kol_bronze', silver: 'kol_silver', gold: 'kol_gold' },
      buckets: { bronze: 'kol-bronze', silver: 'kol-silver', gold: 'kol-gold' },
      catalogAuth: { type: 'none' as const },
    },
    s3: { region: 'us-east-1', forcePathStyle: true },
    trino: { server: 'http://127.0.0.1:8080', catalog: 'iceberg', user: 'kol' },
    mlflow: { experimentPrefix: 'KOL_' },
    kafka: { brokers: ['127.0.0.1:9092'], clientId: 'kol-sdk' },
    redis: { url: 'redis://127.0.0.1:6379' },
    postgres: { url: 'postgres://kol@127.0.0.1:5432/kol_metadata' },
    services: { runDir: join(home, 'services'), cacheDir },
  };
  if (profile === 'local') {
    return {
      ...shared,
      lake: { ...shared.lake, warehouse: pathToFileURL(join(home, 'warehouse')).href, catalogUri: 'embedded' },
      // Trino's catalog on the embedded catalog (served on 127.0.0.1:8182) is `lake`, DuckDB's attach name too.
      trino: { ...shared.trino, catalog: 'lake' },
      mlflow: { ...shared.mlflow, trackingUri: pathToFileURL(join(home, 'mlruns')).href },
      events: { source: 'files', dir: join(cwd, 'data-samples', 'xs') },
    };
  }
  return {
    ...shared,
    lake: { ...shared.lake, warehouse: 's3://kol-gold/warehouse', catalogUri: 'http://127.0.0.1:8181' },
    s3: { ...shared.s3, endpoint: 'http://127.0.0.1:9000' },
    mlflow: { ...shared.mlflow, trackingUri: 'http://127.0.0.1:5000' },
    events: { source: 'kafka', dir: join(cwd, 'data-samples', 'xs') },
  };
}
