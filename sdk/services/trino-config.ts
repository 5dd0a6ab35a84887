import type { KolConfig } from '../config/types.ts';

export const TRINO_VERSION = '476';
export const TRINO_PORT = 8080;
/** Trino 476 refuses to start on a JVM older than 24. */
export const TRINO_MIN_JAVA = 24;
/**
 * The plugins loaded at start. The tarball ships ~60; loading only these cuts start time and memory.
 * Add a name here (a folder of the tarball's `plugin/`) to get another connector.
 */
export const TRINO_PLUGINS: readonly string[] = ['iceberg', 'memory', 'tpch', 'blackhole'];
/**
 * Trino's second catalog: the local profile's warehouse, through the embedded catalog that
 * `kol-sdk catalog serve` (or the SDK itself, before a Trino query on the local profile) serves on
 * 127.0.0.1:8182 (`EMBEDDED_CATALOG_PORT` of sdk/lake). Named like DuckDB's attach, so a table has one name
 * from both engines.
 */
export const TRINO_LOCAL_CATALOG = 'lake';
export const TRINO_LOCAL_CATALOG_URI = 'http://127.0.0.1:8182';

export interface TrinoEtc {
  /** Relative path under `etc/` → file content. */
  readonly files: Readonly<Record<string, string>>;
}

export interface TrinoEtcOptions {
  readonly config: KolConfig;
  readonly dataDir: string;
  readonly pluginDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Sized for a 2-core, 24 GiB machine that also runs Kafka, MLflow, MinIO and the catalog. */
  readonly heap?: string;
  readonly catalogUri?: string;
  /** The embedded catalog's URI for the `lake` catalog. */
  readonly localCatalogUri?: string;
}

/** Trino's own substitution syntax: the server reads the value from its environment at start. */
export function trinoEnvRef(variable: string): string {
  return `$\{ENV:${variable}}`;
}

const lines = (entries: readonly (readonly [string, string | number])[]): string => `${entries.map(([k, v]) => `${k}=${v}`).join('\n')}\n`;

/**
 * Every file of Trino's `etc/` folder: one coordinator that also runs tasks, bound to loopback (Airlift's
 * `node.bind-ip`), an `iceberg` catalog on the REST catalog with native S3 on MinIO, and a `lake` catalog on
 * the embedded catalog over local files. The S3 keys are `${ENV:…}` references, so no secret is written to
 * disk. The `lake` catalog costs nothing while nothing serves its port: Trino 476 contacts a REST catalog
 * at the first query on it, which then fails with "Failed to list namespaces" instead of Trino failing to start.
 *
 * @example
 * for (const [path, text] of Object.entries(trinoEtc({ config, dataDir, pluginDir }).files)) writeFileSync(join(etc, path), text);
 */
export function trinoEtc(options: TrinoEtcOptions): TrinoEtc {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? TRINO_PORT;
  const heap = options.heap ?? '2G';
  const { config } = options;
  const catalogUri = options.catalogUri ?? (config.lake.catalogUri === 'embedded' ? 'http://127.0.0.1:8181' : config.lake.catalogUri);
  const jvm = [
    '-server',
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:G1HeapRegionSize=32M',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:ReservedCodeCacheSize=256M',
    '-XX:PerMethodRecompilationCutoff=10000',
    '-XX:PerBytecodeRecompilationCutoff=10000',
    '-Djdk.attach.allowAttachSelf=true',
    '-Djdk.nio.maxCachedBufferSize=2000000',
    '-Dfile.encoding=UTF-8',
    '-XX:+EnableDynamicAgentLoading',
    // Trino's libraries (JNA, JOL) use native access and sun.misc.Unsafe; allowed, they do not warn at start.
    '--enable-native-access=ALL-UNNAMED',
    '--sun-misc-unsafe-memory-access=allow',
  ];
  const iceberg: [string, string][] = [
    ['connector.name', 'iceberg'],
    ['iceberg.catalog.type', 'rest'],
    ['iceberg.rest-catalog.uri', catalogUri],
    ['fs.native-s3.enabled', 'true'],
    ['s3.endpoint', config.s3.endpoint ?? 'http://127.0.0.1:9000'],
    ['s3.region', config.s3.region],
    ['s3.path-style-access', String(config.s3.forcePathStyle)],
    ['s3.aws-access-key', trinoEnvRef('AWS_ACCESS_KEY_ID')],
    ['s3.aws-secret-key', trinoEnvRef('AWS_SECRET_ACCESS_KEY')],
  ];
  // `local.location=/` maps every `file:///…` path the catalog hands out; `file:///` here fails at start.
  const local: [string, string][] = [
    ['connector.name', 'iceberg'],
    ['iceberg.catalog.type', 'rest'],
    ['iceberg.rest-catalog.uri', options.localCatalogUri ?? TRINO_LOCAL_CATALOG_URI],
    ['fs.native-local.enabled', 'true'],
    ['local.location', '/'],
  ];
  if (config.trino.catalog === TRINO_LOCAL_CATALOG) {
    throw new Error(
      `the development Trino names its local-warehouse catalog '${TRINO_LOCAL_CATALOG}'; set trino.catalog of the cluster profile to another name (default 'iceberg')`,
    );
  }
  return {
    files: {
      'jvm.config': `${jvm.join('\n')}\n`,
      'node.properties': lines([
        ['node.environment', 'kol_dev'],
        ['node.id', 'kol-dev-coordinator'],
        ['node.data-dir', options.dataDir],
        ['node.bind-ip', host],
        ['node.internal-address', host],
      ]),
      'config.properties': lines([
        ['coordinator', 'true'],
        ['node-scheduler.include-coordinator', 'true'],
        ['http-server.http.port', port],
        ['discovery.uri', `http://${host}:${port}`],
        ['plugin.dir', options.pluginDir],
        ['query.max-memory', '1GB'],
        ['query.max-memory-per-node', '1GB'],
        ['catalog.management', 'static'],
      ]),
      'log.properties': lines([['io.trino', 'INFO']]),
      [`catalog/${config.trino.catalog}.properties`]: lines(iceberg),
      [`catalog/${TRINO_LOCAL_CATALOG}.properties`]: lines(local),
    },
  };
}
