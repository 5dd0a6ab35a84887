import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DUCKDB_ENGINE_VERSION } from '../../config/defaults.ts';
import { type Check, fail, pass, reason } from '../types.ts';

/** Node.js itself: the SDK needs 20.11+ (import.meta.dirname, stable fetch). */
export const nodeCheck: Check = {
  name: 'node',
  async run() {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    return major > 20 || (major === 20 && minor >= 11)
      ? pass(`Node.js ${process.versions.node}`)
      : fail(`Node.js ${process.versions.node} is too old`, 'install Node.js 20.11 or newer');
  },
};

/** The embedded engine: DuckDB must be exactly the version whose extensions the SDK installs. */
export const duckdbCheck: Check = {
  name: 'duckdb',
  async run() {
    try {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const reader = await connection.runAndReadAll('select version() as v');
      const version = String(reader.getRowObjects()[0]?.v);
      connection.closeSync();
      instance.closeSync();
      return version === DUCKDB_ENGINE_VERSION
        ? pass(`DuckDB ${version} in process`)
        : fail(
            `DuckDB ${version} is loaded but extensions are pinned to ${DUCKDB_ENGINE_VERSION}`,
            `reinstall with 'npm ci' (package-lock pins @duckdb/node-api to ${DUCKDB_ENGINE_VERSION.slice(1)})`,
          );
    } catch (error) {
      return fail(`DuckDB cannot start: ${reason(error)}`, "run 'npm ci' to install @duckdb/node-api and its binary");
    }
  },
};

function writableDir(label: string, dir: string) {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return pass(`${label} at ${dir}`);
  } catch (error) {
    return fail(`${label} at ${dir} is not writable: ${reason(error)}`, `make ${dir} writable or set KOL_HOME to a writable folder`);
  }
}

/** The local Iceberg warehouse folder. */
export const warehouseCheck: Check = {
  name: 'warehouse',
  async run(config) {
    if (!config.lake.warehouse.startsWith('file:')) return pass(`warehouse ${config.lake.warehouse}`);
    return writableDir('Iceberg warehouse', fileURLToPath(config.lake.warehouse));
  },
};

/** The local tracking store (MLflow file-store layout). */
export const trackingStoreCheck: Check = {
  name: 'tracking',
  async run(config) {
    if (!config.mlflow.trackingUri.startsWith('file:')) return pass(`tracking server ${config.mlflow.trackingUri}`);
    return writableDir('local tracking store', fileURLToPath(config.mlflow.trackingUri));
  },
};

/** The generated events the local profile replays from files. */
export const eventsCheck: Check = {
  name: 'events',
  async run(config) {
    const manifest = join(config.events.dir, 'manifest.json');
    if (!existsSync(manifest)) {
      return fail(
        `no generated events at ${config.events.dir} (manifest.json missing)`,
        `generate them: 'kol-sdk generate --scale xs --seed 42 --out ${config.events.dir}'`,
      );
    }
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { files?: Record<string, { rows?: number }> | unknown[] };
      const files = parsed.files ?? {};
      const entries = Array.isArray(files) ? files : Object.values(files);
      const rows = entries.reduce<number>((n, f) => n + Number((f as { rows?: number }).rows ?? 0), 0);
      return pass(`${entries.length} event files, ${rows} rows in ${config.events.dir}`);
    } catch (error) {
      return fail(
        `${manifest} is unreadable: ${reason(error)}`,
        `regenerate: 'kol-sdk generate --scale xs --seed 42 --out ${config.events.dir}'`,
      );
    }
  },
};
