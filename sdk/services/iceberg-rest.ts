import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KolConfig } from '../config/types.ts';
import { awsEnv, serverEnv, servicePaths } from './context.ts';
import { cachedInstall, runCommand } from './install.ts';
import { findJava } from './java.ts';
import { mavenCopy } from './maven.ts';
import { LOOPBACK, PROBE_TIMEOUT_MS } from './net.ts';
import { halt, launch } from './server.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

export const ICEBERG_VERSION = '1.10.1';
const JAR = `iceberg-open-api-${ICEBERG_VERSION}.jar`;
const PORT = 8181;
const MAIN_CLASS = 'org.apache.iceberg.rest.KolRestCatalogServer';
/** Our launcher around the upstream server: binds loopback only and never logs property values. */
const LAUNCHER_SOURCE = fileURLToPath(new URL('./iceberg-rest/KolRestCatalogServer.java', import.meta.url));

/**
 * The catalog's environment (`CATALOG_` stripped, `__` → `-`, `_` → `.`). The S3 keys are *not*
 * catalog properties: S3FileIO takes them from AWS_* like any AWS SDK client, so the catalog never vends
 * them to its clients and never prints them.
 */
export function icebergCatalogEnv(config: KolConfig, runDir: string, port = PORT): Record<string, string> {
  const env: Record<string, string> = {
    CATALOG_URI: `jdbc:sqlite:${join(runDir, 'catalog.db')}`,
    // One JDBC connection: with the default pool of two, a commit's read on one connection and its write on
    // the other locked each other out of SQLite (SQLITE_BUSY on Trino's INSERT commits).
    CATALOG_CLIENTS: '1',
    CATALOG_JDBC_SCHEMA__VERSION: 'V1',
    CATALOG_WAREHOUSE: config.lake.warehouse,
    CATALOG_REST_HOST: LOOPBACK,
    CATALOG_REST_PORT: String(port),
  };
  if (config.lake.warehouse.startsWith('s3')) {
    env.CATALOG_IO__IMPL = 'org.apache.iceberg.aws.s3.S3FileIO';
    env.CATALOG_S3_ENDPOINT = config.s3.endpoint ?? `http://${LOOPBACK}:9000`;
    env.CATALOG_S3_PATH__STYLE__ACCESS = String(config.s3.forcePathStyle);
    env.CATALOG_CLIENT_REGION = config.s3.region;
  }
  return env;
}

function installDir(ctx: ServiceContext): string {
  return join(ctx.cacheDir, ICEBERG_VERSION);
}

/** The Apache Iceberg REST catalog (the runnable `iceberg-open-api` jar), JDBC/SQLite store, S3 warehouse. */
export const icebergRest: ServiceDefinition = {
  name: 'iceberg-rest',
  description: 'Apache Iceberg REST catalog over the MinIO warehouse',
  version: ICEBERG_VERSION,
  port: PORT,
  dependsOn: ['minio'],
  async install(ctx) {
    const source = readFileSync(LAUNCHER_SOURCE, 'utf8');
    const digest = createHash('sha256').update(source).digest('hex').slice(0, 12);
    const { installLog } = servicePaths(ctx, 'iceberg-rest');
    const installed = await cachedInstall(installDir(ctx), `iceberg-open-api ${ICEBERG_VERSION} launcher ${digest}`, async (dir) => {
      ctx.log(`fetching iceberg-open-api ${ICEBERG_VERSION} with Maven`);
      await mavenCopy(`org.apache.iceberg:iceberg-open-api:${ICEBERG_VERSION}`, dir, installLog);
      const jdk = findJava({ minMajor: 17, purpose: 'compiling the Iceberg REST catalog launcher', needJavac: true });
      await runCommand(jdk.javac as string, ['--release', '17', '-cp', join(dir, JAR), '-d', join(dir, 'classes'), LAUNCHER_SOURCE], {
        logFile: installLog,
        timeoutMs: 120_000,
      });
    });
    if (installed) ctx.log(`installed into ${installDir(ctx)}`);
  },
  async start(ctx) {
    const jdk = findJava({ minMajor: 17, purpose: `the Iceberg REST catalog ${ICEBERG_VERSION}` });
    const dir = installDir(ctx);
    const env = serverEnv({ ...awsEnv(ctx.config), ...icebergCatalogEnv(ctx.config, ctx.runDir) });
    const args = ['-Xmx512m', '-XX:+UseSerialGC', '-cp', `${join(dir, 'classes')}:${join(dir, JAR)}`, MAIN_CLASS];
    await launch(ctx, 'iceberg-rest', { command: jdk.java, args, env }, () => icebergRest.ready(ctx), { timeoutMs: 90_000 });
  },
  async ready() {
    try {
      const response = await fetch(`http://${LOOPBACK}:${PORT}/v1/config`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      const body = (await response.json()) as { defaults?: unknown; overrides?: unknown };
      return response.ok && typeof body.defaults === 'object' && typeof body.overrides === 'object';
    } catch {
      return false;
    }
  },
  async stop(ctx) {
    await halt(ctx, 'iceberg-rest');
  },
};
