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
 * await launch(ctx, 'redis', { command: bin, args: ['--port', '6379'], env: serverEnv() }, () => ping(), 30_000);
 */
export async function launch(
  ctx: ServiceContext,
  name: ServiceName,
  spec: LaunchSpec,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  stopOptions: StopOptions = {},
): Promise<void> {
  const { pidFile, logFile } = servicePaths(ctx, name);
  mkdirSync(ctx.runDir, { recursive: true });
  const started = Date.now();
  const child = spawnDetached({ ...spec, cwd: spec.cwd ?? ctx.runDir, logFile, pidFile });
  try {
    await waitUntil(ready, { what: name, timeoutMs, logFile, child });
  } catch (error) {
    await stopByPidFile(pidFile, { ...stopOptions, graceMs: 5_000 });
    throw error;
  }
  ctx.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, log ${logFile})`);
}

/** Stops a service's server by the pid in its run folder. */
export async function halt(ctx: ServiceContext, name: ServiceName, options: StopOptions = {}): Promise<void> {
  const pid = await stopByPidFile(servicePaths(ctx, name).pidFile, options);
  if (pid !== undefined) ctx.log(`stopped (pid ${pid})`);
}
