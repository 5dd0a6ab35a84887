import { join } from 'node:path';
import { type ResolveOptions, resolveConfig } from '../config/resolve.ts';
import type { KolConfig } from '../config/types.ts';
import { ensureDevSecrets } from './secrets.ts';
import type { ServiceContext, ServiceName } from './types.ts';

/**
 * The configuration the development servers run with: always the `cluster` profile (that is what they
 * serve), with development S3 credentials created on first use when none are configured.
 *
 * @example
 * const config = devServicesConfig({ cwd: '/path/to/project' });
 * config.s3.endpoint; // 'http://127.0.0.1:9000'
 */
export function devServicesConfig(options: Omit<ResolveOptions, 'profile' | 'allowMissingSecrets'> = {}): KolConfig {
  const first = resolveConfig({ ...options, profile: 'cluster', allowMissingSecrets: true });
  ensureDevSecrets(first.home, first.s3);
  return resolveConfig({ ...options, profile: 'cluster' });
}

/**
 * The context one service module works in: its cache folder (shared installs) and run folder (this
 * project's data, log and pid file).
 *
 * @example
 * const ctx = serviceContext(config, 'kafka');
 * ctx.runDir; // '/proj/.kol/services/kafka'
 */
export function serviceContext(config: KolConfig, name: ServiceName, log: (line: string) => void = defaultLog): ServiceContext {
  return {
    config,
    cacheDir: join(config.services.cacheDir, name),
    runDir: join(config.services.runDir, name),
    log: (line) => log(`[${name}] ${line}`),
  };
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Where a service keeps its pid file and its server log, by convention `<runDir>/<name>.pid|.log`. */
export function servicePaths(ctx: ServiceContext, name: ServiceName): { pidFile: string; logFile: string; installLog: string } {
  return {
    pidFile: join(ctx.runDir, `${name}.pid`),
    logFile: join(ctx.runDir, `${name}.log`),
    installLog: join(ctx.cacheDir, 'install.log'),
  };
}

/**
 * A small, explicit environment for a server process: PATH, HOME and locale from ours, nothing else
 * inherited (no stray JAVA_TOOL_OPTIONS or cloud profile), plus `extra`.
 */
export function serverEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  return { ...env, ...extra };
}

/**
 * The AWS variables every JVM and Python server gets: explicit region and keys, and the metadata
 * endpoint disabled so that no SDK probes an address outside loopback for credentials.
 */
export function awsEnv(config: KolConfig): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: config.s3.region,
    AWS_DEFAULT_REGION: config.s3.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (config.s3.accessKeyId) env.AWS_ACCESS_KEY_ID = config.s3.accessKeyId;
  if (config.s3.secretAccessKey) env.AWS_SECRET_ACCESS_KEY = config.s3.secretAccessKey;
  return env;
}
