import { mkdirSync } from 'node:fs';
import { servicePaths } from './context.ts';
import { type StopOptions, spawnDetached, stopByPidFile, waitUntil } from './process.ts';
import type { ServiceContext, ServiceName } from './types.ts';

export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Spawns a service's server detached (log and pid file in its run folder) and waits until `ready`
 * answers. A server that fails to become ready is stopped again, so no half-started process lingers.
 *
 * @example
 * await launch(ctx, 'redis', { command: bin, args: ['--port', '6379'], env: serverEnv() }, () => ping(), { timeoutMs: 30_000 });
 */
export interface LaunchOptions {
  readonly timeoutMs: number;
  /** Between readiness probes; a probe that runs a query should not flood the server's log. */
  readonly intervalMs?: number;
  /** How to stop it again when it does not become ready. */
  readonly stop?: StopOptions;
}

export async function launch(
  ctx: ServiceContext,
  name: ServiceName,
  spec: LaunchSpec,
  ready: () => Promise<boolean>,
  options: LaunchOptions,
): Promise<void> {
  const { pidFile, logFile } = servicePaths(ctx, name);
  mkdirSync(ctx.runDir, { recursive: true });
  const started = Date.now();
  const child = spawnDetached({ ...spec, cwd: spec.cwd ?? ctx.runDir, logFile, pidFile });
  try {
    await waitUntil(ready, {
      what: name,
      timeoutMs: options.timeoutMs,
      logFile,
      child,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    });
  } catch (error) {
    await stopByPidFile(pidFile, { ...options.stop, graceMs: 5_000 });
    throw error;
  }
  ctx.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, log ${logFile})`);
}

/** Stops a service's server by the pid in its run folder. */
export async function halt(ctx: ServiceContext, name: ServiceName, options: StopOptions = {}): Promise<void> {
  const pid = await stopByPidFile(servicePaths(ctx, name).pidFile, options);
  if (pid !== undefined) ctx.log(`stopped (pid ${pid})`);
}
