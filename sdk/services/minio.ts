import { join } from 'node:path';
import type { KolConfig } from '../config/types.ts';
import { serverEnv, servicePaths } from './context.ts';
import { cachedInstall, requireCommand, runCommand } from './install.ts';
import { LOOPBACK, PROBE_TIMEOUT_MS } from './net.ts';
import { halt, launch } from './server.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

const MODULE = 'github.com/minio/minio';
/**
 * MinIO publishes no semantic-version tags, so the module proxy serves commits only; this is the last
 * commit of the (now unmaintained, AGPL) repository, pinned so that every machine builds the same server.
 */
export const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c';
const PORT = 9000;
const CONSOLE_PORT = 9001;

function binary(ctx: ServiceContext): string {
  return join(ctx.cacheDir, MINIO_VERSION, 'bin', 'minio');
}

function credentials(config: KolConfig): { accessKeyId: string; secretAccessKey: string } {
  const { accessKeyId, secretAccessKey } = config.s3;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(
      "no S3 credentials for MinIO — set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or let 'kol-sdk services up' create .kol/secrets.json",
    );
  }
  return { accessKeyId, secretAccessKey };
}

/** The buckets the project needs: one per lake layer, plus the warehouse's bucket. */
export function requiredBuckets(config: KolConfig): string[] {
  const names = new Set(Object.values(config.lake.buckets));
  const warehouse = /^s3a?:\/\/([^/]+)/.exec(config.lake.warehouse)?.[1];
  if (warehouse) names.add(warehouse);
  return [...names];
}

async function client(config: KolConfig) {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    region: config.s3.region,
    endpoint: `http://${LOOPBACK}:${PORT}`,
    forcePathStyle: true,
    credentials: credentials(config),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1000, requestTimeout: PROBE_TIMEOUT_MS },
  });
}

/** MinIO built from source with `go install` (cached binary), single drive in the run folder. */
export const minio: ServiceDefinition = {
  name: 'minio',
  description: 'MinIO, the S3 store of the lake (kol-bronze, kol-silver, kol-gold)',
  version: MINIO_VERSION,
  port: PORT,
  dependsOn: [],
  async install(ctx) {
    const dir = join(ctx.cacheDir, MINIO_VERSION);
    const { installLog } = servicePaths(ctx, 'minio');
    const built = await cachedInstall(dir, `minio ${MODULE}@${MINIO_VERSION}`, async () => {
      requireCommand('go', 'build MinIO', 'install Go 1.24 or newer');
      ctx.log(`building ${MODULE}@${MINIO_VERSION} with go install (about 3 minutes, once)`);
      await runCommand('go', ['install', '-trimpath', `${MODULE}@${MINIO_VERSION}`], {
        env: { ...process.env, GOBIN: join(dir, 'bin'), CGO_ENABLED: '0' },
        logFile: installLog,
        timeoutMs: 40 * 60_000,
      });
    });
    if (built) ctx.log(`built ${binary(ctx)}`);
  },
  async start(ctx) {
    const { accessKeyId, secretAccessKey } = credentials(ctx.config);
    const env = serverEnv({
      MINIO_ROOT_USER: accessKeyId,
      MINIO_ROOT_PASSWORD: secretAccessKey,
      MINIO_SITE_REGION: ctx.config.s3.region,
      MINIO_UPDATE: 'off',
      MINIO_CALLHOME_ENABLE: 'off',
    });
    // --quiet: the start-up banner would print the root credentials into the log.
    const args = [
      'server',
      join(ctx.runDir, 'data'),
      '--address',
      `${LOOPBACK}:${PORT}`,
      '--console-address',
      `${LOOPBACK}:${CONSOLE_PORT}`,
      '--quiet',
    ];
    await launch(ctx, 'minio', { command: binary(ctx), args, env }, () => minio.ready(ctx), { timeoutMs: 60_000 });
  },
  async ready(ctx) {
    const { ListBucketsCommand } = await import('@aws-sdk/client-s3');
    const s3 = await client(ctx.config);
    try {
      await s3.send(new ListBucketsCommand({}));
      return true;
    } catch {
      return false;
    } finally {
      s3.destroy();
    }
  },
  async provision(ctx) {
    const { CreateBucketCommand, HeadBucketCommand } = await import('@aws-sdk/client-s3');
    const s3 = await client(ctx.config);
    try {
      for (const bucket of requiredBuckets(ctx.config)) {
        const exists = await s3.send(new HeadBucketCommand({ Bucket: bucket })).then(
          () => true,
          () => false,
        );
        if (!exists) {
          await s3.send(new CreateBucketCommand({ Bucket: bucket }));
          ctx.log(`created bucket ${bucket}`);
        }
      }
    } finally {
      s3.destroy();
    }
  },
  async stop(ctx) {
    await halt(ctx, 'minio');
  },
};
