import type { KolConfig } from '../config/types.ts';

/** The development servers kol-sdk can install and run without Docker. */
export type ServiceName = 'postgres' | 'redis' | 'minio' | 'iceberg-rest' | 'kafka' | 'mlflow' | 'trino';

/** Start order: each service after the ones it depends on. */
export const SERVICE_NAMES: readonly ServiceName[] = ['postgres', 'redis', 'minio', 'iceberg-rest', 'kafka', 'mlflow', 'trino'];

/** What every service module receives: the resolved cluster profile plus where to put state and logs. */
export interface ServiceContext {
  readonly config: KolConfig;
  /** `~/.cache/kol-sdk/<service>`: the cached install, shared by projects. */
  readonly cacheDir: string;
  /** `<runDir>/<service>`: this project's data, logs and pid file. */
  readonly runDir: string;
  /** Progress lines for humans (stderr); never secrets. */
  readonly log: (line: string) => void;
}

export interface ServiceStatus {
  readonly name: ServiceName;
  readonly state: 'running' | 'stopped' | 'unhealthy' | 'foreign';
  readonly pid: number | undefined;
  readonly port: number;
  readonly version: string;
  /** Human detail: "ready on 127.0.0.1:9092", "port 9092 is held by another process", … */
  readonly detail: string;
  /** Resident memory in bytes of the service's process tree, when running. */
  readonly rssBytes: number | undefined;
  readonly logFile: string;
}

/**
 * One development server: how to install it (idempotent, cached), start it (detached, loopback only,
 * readiness-checked), probe it and stop it by PID. A definition holds no state of its own.
 */
export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly description: string;
  readonly version: string;
  readonly port: number;
  readonly dependsOn: readonly ServiceName[];
  /** Installs into `ctx.cacheDir` unless already there; returns quickly when cached. */
  install(ctx: ServiceContext): Promise<void>;
  /** Starts the server (after install) and resolves once it answers a real request. */
  start(ctx: ServiceContext): Promise<void>;
  /** True when the server answers a real request (not merely an open port). */
  ready(ctx: ServiceContext): Promise<boolean>;
  /** Stops the server by PID (SIGTERM, then SIGKILL after a grace period). */
  stop(ctx: ServiceContext): Promise<void>;
  /**
   * Creates what this project needs inside a ready server (buckets, databases); idempotent. `up` runs it
   * after `start`, and also when the server was already running.
   */
  provision?(ctx: ServiceContext): Promise<void>;
}
