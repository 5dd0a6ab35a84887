import { DUCKDB_ENGINE_VERSION } from '../../config/index.ts';
import { extensionVersions, LAKE_EXTENSIONS, literal } from '../../engines/index.ts';
import { type Check, fail, pass, reason } from '../types.ts';

const SETUP = "run 'kol-sdk catalog setup' (installs DuckDB's avro, httpfs and iceberg extensions for this engine version)";

/**
 * The lake extensions: installed in the cached extension folder and loadable by this exact engine (DuckDB
 * refuses an extension built for another version, so a successful LOAD is the version match). Never
 * downloads anything.
 */
export const duckdbExtensionsCheck: Check = {
  name: 'extensions',
  async run(config) {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const connection = await instance.connect();
    try {
      const version = String((await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0]?.v);
      if (version !== DUCKDB_ENGINE_VERSION) {
        return fail(`DuckDB ${version} is loaded but the extensions are pinned to ${DUCKDB_ENGINE_VERSION}`, "reinstall with 'npm ci'");
      }
      const dir = config.duckdb.extensionDirectory;
      await connection.run(`SET extension_directory = ${literal(dir)}`);
      const missing = (await extensionVersions(connection)).filter((e) => !e.installed).map((e) => e.name);
      if (missing.length > 0) return fail(`${missing.join(', ')} not installed in ${dir}`, SETUP);
      for (const ext of LAKE_EXTENSIONS) {
        try {
          await connection.run(`LOAD ${ext}`);
        } catch (error) {
          return fail(
            `${ext} does not load on DuckDB ${version}: ${reason(error)}`,
            SETUP.replace('catalog setup', 'catalog setup --force'),
          );
        }
      }
      const loaded = await extensionVersions(connection);
      return pass(`${loaded.map((e) => `${e.name} ${e.version ?? '?'}`).join(', ')} loaded on DuckDB ${version}`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  },
};
