import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackage } from './apt.ts';
import { serverEnv, servicePaths } from './context.ts';
import { runCommand } from './install.ts';
import { LOOPBACK, PROBE_TIMEOUT_MS } from './net.ts';
import { halt, launch } from './server.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

const VERSION = '15';
const BIN_DIR = `/usr/lib/postgresql/${VERSION}/bin`;
const PORT = 5432;
/** The superuser initdb creates; trust authentication on loopback, so it needs no password. */
export const PG_SUPERUSER = 'kol';
/** Domain separation: every database kol-sdk owns is named `kol_*`. */
export const PG_DATABASES: readonly string[] = ['kol_metadata', 'kol_mlflow'];

/** uid/gid to run the server as: PostgreSQL refuses root, so root hands it to the `postgres` user. */
export function postgresRunAs(passwd = '/etc/passwd'): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = existsSync(passwd)
    ? readFileSync(passwd, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('postgres:'))
    : undefined;
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      "running as root, but there is no 'postgres' user to run PostgreSQL as — install postgresql-15 (it creates the user) or run as a non-root user",
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** The server's command line: loopback only, Unix socket in the run folder (not /var/run/postgresql). */
export function postgresArgs(dataDir: string, socketDir: string, port = PORT): string[] {
  return ['-D', dataDir, '-p', String(port), '-k', socketDir, '-c', `listen_addresses=${LOOPBACK}`];
}

function prepareDirs(ctx: ServiceContext, runAs: { uid: number; gid: number } | undefined): { dataDir: string; socketDir: string } {
  const dataDir = join(ctx.runDir, 'data');
  const socketDir = join(ctx.runDir, 'socket');
  for (const dir of [dataDir, socketDir]) {
    mkdirSync(dir, { recursive: true });
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  }
  chmodSync(dataDir, 0o700);
  if (runAs && spawnSync('test', ['-w', dataDir], { uid: runAs.uid, gid: runAs.gid }).status !== 0) {
    throw new Error(
      `the 'postgres' user cannot reach ${dataDir}: a parent folder is not searchable by other users — move the project (or KOL_HOME) to a world-searchable path`,
    );
  }
  return { dataDir, socketDir };
}

async function query(database: string, sql: string, params: unknown[] = []): Promise<unknown[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: LOOPBACK, port: PORT, user: PG_SUPERUSER, database, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PostgreSQL 15 from Debian's binaries, its cluster in the run folder, superuser `kol`, trust on loopback. */
export const postgres: ServiceDefinition = {
  name: 'postgres',
  description: 'PostgreSQL, the metadata store (kol_metadata, kol_mlflow)',
  version: VERSION,
  port: PORT,
  dependsOn: [],
  async install(ctx) {
    if (await ensureDebianPackage(`postgresql-${VERSION}`, join(BIN_DIR, 'postgres'), servicePaths(ctx, 'postgres').installLog)) {
      ctx.log(`installed postgresql-${VERSION} with apt-get`);
    }
  },
  async start(ctx) {
    const runAs = postgresRunAs();
    const { dataDir, socketDir } = prepareDirs(ctx, runAs);
    const { logFile } = servicePaths(ctx, 'postgres');
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      ctx.log(`initdb ${dataDir}`);
      await runCommand(join(BIN_DIR, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', PG_SUPERUSER, '-E', 'UTF8', '--no-sync'], {
        cwd: ctx.runDir,
        env: serverEnv(),
        logFile,
        timeoutMs: 120_000,
        ...(runAs ?? {}),
      });
    }
    await launch(
      ctx,
      'postgres',
      { command: join(BIN_DIR, 'postgres'), args: postgresArgs(dataDir, socketDir), env: serverEnv(), ...(runAs ?? {}) },
      () => postgres.ready(ctx),
      { timeoutMs: 60_000, stop: { signal: 'SIGINT', group: false } },
    );
  },
  async ready() {
    const rows = (await query('postgres', 'select 1 as ok').catch(() => [])) as { ok?: number }[];
    return rows[0]?.ok === 1;
  },
  async provision(ctx) {
    for (const db of PG_DATABASES) {
      const found = await query('postgres', 'select 1 from pg_database where datname = $1', [db]);
      if (found.length === 0) {
        await query('postgres', `create database ${db}`);
        ctx.log(`created database ${db}`);
      }
    }
  },
  async stop(ctx) {
    // SIGINT is the fast shutdown; SIGTERM would wait for every client to disconnect.
    await halt(ctx, 'postgres', { signal: 'SIGINT', group: false, graceMs: 20_000 });
  },
};
