import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KolConfig } from '../config/types.ts';
import { devServicesConfig, serviceContext, servicePaths } from './context.ts';
import { LOOPBACK, portOpen } from './net.ts';
import { withDependencies } from './order.ts';
import { livePid, rssOfTree } from './process.ts';
import { SERVICES } from './registry.ts';
import { withStartLock } from './start-lock.ts';
import { SERVICE_NAMES, type ServiceContext, type ServiceDefinition, type ServiceName, type ServiceStatus } from './types.ts';

export interface ServicesOptions {
  /** The resolved config; default: {@link devServicesConfig} for `cwd`. */
  readonly config?: KolConfig;
  /** Project folder, when `config` is not given. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Progress lines (never secrets). Default: stderr. */
  readonly log?: (line: string) => void;
  /** The service modules to drive; default {@link SERVICES}. Tests pass stand-ins. */
  readonly definitions?: Readonly<Record<ServiceName, ServiceDefinition>>;
}

/** What `servicesUp` did for one service. */
export interface UpResult {
  readonly name: ServiceName;
  /**
   * `started`: this call started it · `running`: it was already answering · `foreign`: its port is held
   * by something else · `failed`: install or start failed (see `error`) · `skipped`: a dependency is not up.
   */
  readonly outcome: 'started' | 'running' | 'foreign' | 'failed' | 'skipped';
  readonly seconds: number;
  readonly detail: string;
  readonly error?: Error;
}

/** What `servicesDown` did for one service. */
export interface DownResult {
  readonly name: ServiceName;
  /** `external`: it answers but was not started by kol-sdk here, so it was left alone. */
  readonly outcome: 'stopped' | 'not-running' | 'external' | 'foreign';
  readonly detail: string;
}

function configOf(options: ServicesOptions): KolConfig {
  return options.config ?? devServicesConfig(options.cwd === undefined ? {} : { cwd: options.cwd });
}

/** Probes one service: our pid file, a real request, then whether anything holds its port. */
async function probe(def: ServiceDefinition, ctx: ServiceContext): Promise<ServiceStatus> {
  const { pidFile, logFile } = servicePaths(ctx, def.name);
  const pid = livePid(pidFile);
  const ready = await def.ready(ctx).catch(() => false);
  const address = `${LOOPBACK}:${def.port}`;
  const base = { name: def.name, port: def.port, version: def.version, logFile };
  if (pid !== undefined) {
    return {
      ...base,
      state: ready ? 'running' : 'unhealthy',
      pid,
      rssBytes: rssOfTree(pid),
      detail: ready ? `ready on ${address}` : `pid ${pid} is alive but does not answer on ${address} — see ${logFile}`,
    };
  }
  if (ready) {
    return {
      ...base,
      state: 'running',
      pid: undefined,
      rssBytes: undefined,
      detail: `answering on ${address}, but not started by kol-sdk from this project (services down leaves it alone)`,
    };
  }
  if (await portOpen(def.port)) {
    return {
      ...base,
      state: 'foreign',
      pid: undefined,
      rssBytes: undefined,
      detail: `port ${def.port} is held by another process that does not answer as ${def.name} — stop it or free the port (e.g. 'ss -ltnp | grep :${def.port}')`,
    };
  }
  return { ...base, state: 'stopped', pid: undefined, rssBytes: undefined, detail: 'not running' };
}

/**
 * Installs (cached) and starts the named services and everything they depend on, each unless it already
 * answers; a service starts as soon as its dependencies are ready, installs run in parallel. Never
 * throws for a service: each result says what happened, with the log tail in `error` on failure.
 *
 * @example
 * const results = await servicesUp(['trino']); // starts minio, iceberg-rest, trino
 * if (results.some((r) => r.outcome === 'failed')) process.exitCode = 1;
 */
export async function servicesUp(names: readonly ServiceName[] = SERVICE_NAMES, options: ServicesOptions = {}): Promise<UpResult[]> {
  const config = configOf(options);
  const defs = options.definitions ?? SERVICES;
  const order = withDependencies(names, defs);
  const pending = new Map<ServiceName, Promise<UpResult>>();
  for (const name of order) {
    pending.set(name, upOne(defs[name], serviceContext(config, name, options.log), pending));
  }
  return Promise.all(order.map((name) => pending.get(name) as Promise<UpResult>));
}

async function upOne(def: ServiceDefinition, ctx: ServiceContext, pending: ReadonlyMap<ServiceName, Promise<UpResult>>): Promise<UpResult> {
  const t0 = Date.now();
  const result = (outcome: UpResult['outcome'], detail: string, error?: Error): UpResult => ({
    name: def.name,
    outcome,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
    detail,
    ...(error ? { error } : {}),
  });
  try {
    return await withStartLock(join(ctx.runDir, `${def.name}.up.lock`), () => upLocked(def, ctx, pending, result));
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    ctx.log(`failed: ${err.message}`);
    return result('failed', err.message.split('\n')[0] ?? 'failed', err);
  }
}

async function upLocked(
  def: ServiceDefinition,
  ctx: ServiceContext,
  pending: ReadonlyMap<ServiceName, Promise<UpResult>>,
  result: (outcome: UpResult['outcome'], detail: string, error?: Error) => UpResult,
): Promise<UpResult> {
  let status = await probe(def, ctx);
  if (status.state === 'unhealthy') {
    // Perhaps still starting (a concurrent `up`); give it a moment before replacing it.
    for (let i = 0; i < 40 && !(await def.ready(ctx).catch(() => false)); i++) await sleep(500);
    status = await probe(def, ctx);
    if (status.state === 'unhealthy') {
      ctx.log(`${status.detail}; restarting it`);
      await def.stop(ctx);
      status = await probe(def, ctx);
    }
  }
  if (status.state === 'running') {
    await def.provision?.(ctx);
    return result('running', status.detail);
  }
  if (status.state === 'foreign') {
    ctx.log(status.detail);
    return result('foreign', status.detail);
  }
  await def.install(ctx);
  const blocked: string[] = [];
  for (const dep of def.dependsOn) {
    const depResult = await pending.get(dep);
    if (depResult && depResult.outcome !== 'started' && depResult.outcome !== 'running') blocked.push(`${dep} (${depResult.outcome})`);
  }
  if (blocked.length > 0) {
    const detail = `not started: it needs ${blocked.join(', ')}`;
    ctx.log(detail);
    return result('skipped', detail);
  }
  ctx.log('starting');
  await def.start(ctx);
  await def.provision?.(ctx);
  return result('started', `ready on ${LOOPBACK}:${def.port}`);
}

/**
 * Stops the named services (default: all) that this project started, by pid, dependents first.
 * Servers that answer but were started elsewhere are left alone and reported as `external`.
 *
 * @example
 * await servicesDown(['trino', 'kafka']);
 */
export async function servicesDown(names: readonly ServiceName[] = SERVICE_NAMES, options: ServicesOptions = {}): Promise<DownResult[]> {
  const config = configOf(options);
  const defs = options.definitions ?? SERVICES;
  const chosen = withDependencies(names, defs).filter((n) => names.includes(n));
  const pending = new Map<ServiceName, Promise<DownResult>>();
  // Reverse order: every dependent is scheduled (and awaited) before what it depends on.
  for (const name of [...chosen].reverse()) {
    const dependents = chosen.filter((other) => defs[other].dependsOn.includes(name));
    const waitFor = dependents.map((d) => pending.get(d) as Promise<DownResult>);
    pending.set(
      name,
      Promise.all(waitFor).then(() => downOne(defs[name], serviceContext(config, name, options.log))),
    );
  }
  return Promise.all(chosen.map((name) => pending.get(name) as Promise<DownResult>));
}

async function downOne(def: ServiceDefinition, ctx: ServiceContext): Promise<DownResult> {
  const status = await probe(def, ctx);
  if (status.pid !== undefined) {
    await def.stop(ctx);
    return { name: def.name, outcome: 'stopped', detail: `stopped pid ${status.pid}` };
  }
  if (status.state === 'running') return { name: def.name, outcome: 'external', detail: status.detail };
  if (status.state === 'foreign') return { name: def.name, outcome: 'foreign', detail: status.detail };
  return { name: def.name, outcome: 'not-running', detail: 'not running' };
}

/**
 * The state of the named services (default: all): running / stopped / unhealthy / foreign, pid, and
 * resident memory of each server's process tree.
 *
 * @example
 * const all = await servicesStatus();
 * const totalRss = all.reduce((sum, s) => sum + (s.rssBytes ?? 0), 0);
 */
export async function servicesStatus(
  names: readonly ServiceName[] = SERVICE_NAMES,
  options: ServicesOptions = {},
): Promise<ServiceStatus[]> {
  const config = configOf(options);
  const defs = options.definitions ?? SERVICES;
  const chosen = withDependencies(names, defs).filter((n) => names.includes(n));
  return Promise.all(chosen.map((name) => probe(defs[name], serviceContext(config, name, options.log))));
}
