import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CatalogAuth, KolConfig } from '../../config/index.ts';
import { type CatalogServer, startEmbeddedCatalog } from '../../lake/index.ts';
import { ensureLakeExtensions } from './extensions.ts';
import { type DuckDBRunner, duckdbRunner } from './runner.ts';
import { literal } from './sql.ts';

/** The name the Iceberg catalog is attached under: tables are `lake.<namespace>.<table>`. */
export const LAKE_CATALOG = 'lake';

export interface OpenDuckDBOptions {
  /** Attach the Iceberg catalog as `lake` (default true). Without it only the extensions are loaded. */
  readonly attach?: boolean;
  /** Port of the embedded catalog (local profile); a free one by default. */
  readonly catalogPort?: number;
  /** Progress lines; secrets are never part of them. */
  readonly log?: (line: string) => void;
}

/** DuckDB opened on a profile: extensions loaded, S3 secret set, the lake attached. */
export interface DuckDBLake {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  readonly runner: DuckDBRunner;
  /** The catalog DuckDB talks to (`http://127.0.0.1:<port>` for the embedded one). */
  readonly catalogUri: string | undefined;
  /** The embedded catalog this session started (local profile), closed with the session. */
  readonly catalog: CatalogServer | undefined;
  close(): Promise<void>;
}

/** `host:port` of an S3 endpoint URL, and whether it uses TLS. */
export function s3Endpoint(endpoint: string): { hostPort: string; ssl: boolean } {
  const url = new URL(endpoint.includes('://') ? endpoint : `http://${endpoint}`);
  return { hostPort: url.host, ssl: url.protocol === 'https:' };
}

/** The `CREATE SECRET` for the profile's S3 store, or undefined when the profile has no S3 credentials. */
export function s3SecretSql(config: KolConfig): string | undefined {
  const { accessKeyId, secretAccessKey, endpoint, region, forcePathStyle } = config.s3;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const parts = [`TYPE S3`, `KEY_ID ${literal(accessKeyId)}`, `SECRET ${literal(secretAccessKey)}`, `REGION ${literal(region)}`];
  if (endpoint) {
    const { hostPort, ssl } = s3Endpoint(endpoint);
    parts.push(`ENDPOINT ${literal(hostPort)}`, `USE_SSL ${ssl}`);
  }
  if (forcePathStyle) parts.push(`URL_STYLE 'path'`);
  return `CREATE OR REPLACE SECRET kol_lake_s3 (${parts.join(', ')})`;
}

/**
 * The statements that attach the catalog: an Iceberg secret first when the catalog wants a bearer token or
 * OAuth2 client credentials, then `ATTACH`.
 */
export function attachSql(warehouse: string, endpoint: string, auth: CatalogAuth): string[] {
  // READ_ONLY false: DuckDB attaches the Apache REST catalog read-only unless told otherwise (its config
  // advertises endpoints DuckDB does not parse), and the cluster profile writes through it.
  const target = `ATTACH ${literal(warehouse)} AS ${LAKE_CATALOG} (TYPE iceberg, ENDPOINT ${literal(endpoint)}, READ_ONLY false`;
  if (auth.type === 'none') return [`${target}, AUTHORIZATION_TYPE 'none')`];
  const secret =
    auth.type === 'bearer'
      ? `CREATE OR REPLACE SECRET kol_lake_catalog (TYPE iceberg, TOKEN ${literal(auth.token)})`
      : `CREATE OR REPLACE SECRET kol_lake_catalog (TYPE iceberg, CLIENT_ID ${literal(auth.clientId)}, CLIENT_SECRET ${literal(auth.clientSecret)}${
          auth.tokenUri ? `, OAUTH2_SERVER_URI ${literal(auth.tokenUri)}` : ''
        }${auth.scope ? `, OAUTH2_SCOPE ${literal(auth.scope)}` : ''})`;
  return [secret, `${target}, SECRET kol_lake_catalog)`];
}

/**
 * Opens DuckDB for a profile: the lake extensions installed and loaded, an S3 secret when the profile has
 * S3 credentials, and the Iceberg catalog attached as `lake`. On the local profile the embedded catalog is
 * started in this process first (on a free 127.0.0.1 port) and stopped by `close()`.
 *
 * @example
 * const lake = await openDuckDB(resolveConfig({ profile: 'local' }));
 * await lake.runner.run('CREATE SCHEMA IF NOT EXISTS lake.kol_gold');
 * const rows = await lake.runner.rows('SELECT count(*) AS n FROM lake.kol_gold.scores WHERE day = ?', ['2024-05-01']);
 * await lake.close();
 */
export async function openDuckDB(config: KolConfig, options: OpenDuckDBOptions = {}): Promise<DuckDBLake> {
  const log = options.log ?? (() => {});
  const instance = await DuckDBInstance.create(config.duckdb.database);
  const connection = await instance.connect();
  let catalog: CatalogServer | undefined;
  const close = async (): Promise<void> => {
    connection.closeSync();
    instance.closeSync();
    await catalog?.close();
  };
  try {
    await ensureLakeExtensions(connection, config.duckdb.extensionDirectory, { log });
    const secret = s3SecretSql(config);
    if (secret) {
      await connection.run(secret);
      log(`S3 secret set${config.s3.endpoint ? ` for ${s3Endpoint(config.s3.endpoint).hostPort}` : ''}`);
    }
    let catalogUri: string | undefined;
    if (options.attach !== false) {
      let warehouse = config.lake.warehouse;
      if (config.lake.catalogUri === 'embedded') {
        catalog = await startEmbeddedCatalog(config, options.catalogPort);
        catalogUri = catalog.uri;
        warehouse = catalog.warehouse;
        log(`embedded catalog on ${catalog.uri}`);
      } else {
        catalogUri = config.lake.catalogUri;
      }
      for (const sql of attachSql(warehouse, catalogUri, config.lake.catalogAuth)) await connection.run(sql);
      log(`attached ${config.lake.warehouse} as ${LAKE_CATALOG}`);
    }
    return { instance, connection, runner: duckdbRunner(connection), catalogUri, catalog, close };
  } catch (error) {
    await close();
    throw error;
  }
}
