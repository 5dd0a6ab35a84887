import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { awsEnv, serverEnv, servicePaths } from './context.ts';
import { cachedInstall, runCommand } from './install.ts';
import { findJava } from './java.ts';
import { mavenCopy } from './maven.ts';
import { LOOPBACK, PROBE_TIMEOUT_MS } from './net.ts';
import { halt, launch } from './server.ts';
import { TRINO_MIN_JAVA, TRINO_PLUGINS, TRINO_PORT, TRINO_VERSION, trinoEtc } from './trino-config.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

function installDir(ctx: ServiceContext): string {
  return join(ctx.cacheDir, TRINO_VERSION);
}

function serverHome(ctx: ServiceContext): string {
  return join(installDir(ctx), `trino-server-${TRINO_VERSION}`);
}

interface StatementResponse {
  nextUri?: string;
  data?: unknown[][];
  error?: { message?: string };
}

/**
 * Runs one statement over Trino's HTTP protocol (POST /v1/statement, then follow `nextUri`) and returns
 * its rows; throws with Trino's message on a query error.
 *
 * @example
 * await trinoQuery('SELECT 1'); // [[1]]
 */
export async function trinoQuery(sql: string, options: { user?: string; port?: number; timeoutMs?: number } = {}): Promise<unknown[][]> {
  const headers = { 'X-Trino-User': options.user ?? 'kol', 'Content-Type': 'text/plain' };
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  let response = await fetch(`http://${LOOPBACK}:${options.port ?? TRINO_PORT}/v1/statement`, {
    method: 'POST',
    body: sql,
    headers,
    signal,
  });
  const rows: unknown[][] = [];
  for (;;) {
    if (!response.ok) throw new Error(`Trino answered HTTP ${response.status}`);
    const body = (await response.json()) as StatementResponse;
    if (body.error) throw new Error(body.error.message ?? 'query failed');
    rows.push(...(body.data ?? []));
    if (!body.nextUri) return rows;
    response = await fetch(body.nextUri, { headers, signal });
  }
}

/** Trino from its Maven tarball (unpacked once into the cache), run by its launcher on Temurin ≥ 24. */
export const trino: ServiceDefinition = {
  name: 'trino',
  description: 'Trino, the SQL engine over the Iceberg lake',
  version: TRINO_VERSION,
  port: TRINO_PORT,
  dependsOn: ['iceberg-rest'],
  async install(ctx) {
    const { installLog } = servicePaths(ctx, 'trino');
    const installed = await cachedInstall(
      installDir(ctx),
      `trino-server ${TRINO_VERSION} plugins ${TRINO_PLUGINS.join(',')}`,
      async (dir) => {
        ctx.log(`fetching trino-server ${TRINO_VERSION} (784 MB) with Maven and unpacking it, once`);
        const download = join(dir, 'download');
        mkdirSync(download, { recursive: true });
        await mavenCopy(`io.trino:trino-server:${TRINO_VERSION}:tar.gz`, download, installLog);
        await runCommand('tar', ['-xzf', join(download, `trino-server-${TRINO_VERSION}.tar.gz`), '-C', dir], {
          logFile: installLog,
          timeoutMs: 10 * 60_000,
        });
        rmSync(download, { recursive: true, force: true });
        const plugins = join(dir, 'plugins');
        mkdirSync(plugins, { recursive: true });
        const shipped = new Set(readdirSync(join(serverHome(ctx), 'plugin')));
        for (const plugin of TRINO_PLUGINS) {
          if (!shipped.has(plugin)) throw new Error(`trino-server ${TRINO_VERSION} has no plugin '${plugin}'`);
          symlinkSync(join(serverHome(ctx), 'plugin', plugin), join(plugins, plugin));
        }
      },
    );
    if (installed) ctx.log(`installed into ${installDir(ctx)}`);
  },
  async start(ctx) {
    const jdk = findJava({ minMajor: TRINO_MIN_JAVA, purpose: `Trino ${TRINO_VERSION}` });
    const etcDir = join(ctx.runDir, 'etc');
    const dataDir = join(ctx.runDir, 'data');
    rmSync(etcDir, { recursive: true, force: true });
    const etc = trinoEtc({ config: ctx.config, dataDir, pluginDir: join(installDir(ctx), 'plugins'), host: LOOPBACK });
    for (const [path, text] of Object.entries(etc.files)) {
      mkdirSync(dirname(join(etcDir, path)), { recursive: true });
      writeFileSync(join(etcDir, path), text);
    }
    mkdirSync(dataDir, { recursive: true });
    const env = serverEnv({
      ...awsEnv(ctx.config),
      JAVA_HOME: jdk.home,
      PATH: `${join(jdk.home, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    });
    if (!existsSync(join(serverHome(ctx), 'bin', 'launcher'))) throw new Error(`Trino is not installed in ${serverHome(ctx)}`);
    // `run` keeps the server in the foreground (the launcher execs java), so the pid we record is Trino's.
    const args = ['run', '--etc-dir', etcDir, '--data-dir', dataDir];
    // Each failed probe is a failed query in Trino's log ("No nodes available"), so probe once a second.
    await launch(ctx, 'trino', { command: join(serverHome(ctx), 'bin', 'launcher'), args, env }, () => trino.ready(ctx), {
      timeoutMs: 240_000,
      intervalMs: 1000,
    });
  },
  async ready() {
    // "starting": false in /v1/info comes before the node can be scheduled; only a query proves it.
    try {
      const rows = await trinoQuery('SELECT 1', { timeoutMs: PROBE_TIMEOUT_MS });
      return rows[0]?.[0] === 1;
    } catch {
      return false;
    }
  },
  async stop(ctx) {
    await halt(ctx, 'trino', { graceMs: 30_000 });
  },
};
