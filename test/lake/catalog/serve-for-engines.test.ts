import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type KolConfig, resolveConfig } from '../../../sdk/config/index.ts';
import { RemoteError } from '../../../sdk/errors/index.ts';
import {
  EMBEDDED_CATALOG_PORT,
  ensureServedCatalog,
  probeCatalogPort,
  startEmbeddedCatalog,
  stopServedCatalog,
  warehouseRoot,
} from '../../../sdk/lake/index.ts';

const homes: string[] = [];
function localConfig(): KolConfig {
  const home = mkdtempSync(join(tmpdir(), 'kol-serve-'));
  homes.push(home);
  return resolveConfig({ profile: 'local', cwd: home, env: { KOL_HOME: home }, allowMissingSecrets: true });
}

/** A port nothing listens on right now (the kernel's pick, released at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

afterEach(async () => {
  await stopServedCatalog();
});
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe('the embedded catalog served for other engines', () => {
  it('has the fixed port the development Trino looks at', () => {
    expect(EMBEDDED_CATALOG_PORT).toBe(8182);
  });

  it('serves the warehouse when nothing answers, once per process, and frees the port when stopped', async () => {
    const config = localConfig();
    const port = await freePort();
    const root = warehouseRoot(config.lake.warehouse);
    expect(await probeCatalogPort(port, root)).toEqual({ kind: 'free' });
    const server = await ensureServedCatalog(config, port);
    expect(server?.port).toBe(port);
    expect(await probeCatalogPort(port, root)).toEqual({ kind: 'this-warehouse' });
    expect(await ensureServedCatalog(config, port)).toBe(server);
    await stopServedCatalog();
    expect(await probeCatalogPort(port, root)).toEqual({ kind: 'free' });
  });

  it('uses a catalog another process already serves over the same warehouse, and serves it once that one stops', async () => {
    const config = localConfig();
    const port = await freePort();
    const other = await startEmbeddedCatalog(config, port);
    try {
      expect(await ensureServedCatalog(config, port)).toBeUndefined();
    } finally {
      await other.close();
    }
    // That server gone, the next call serves the warehouse itself.
    expect((await ensureServedCatalog(config, port))?.port).toBe(port);
  });

  it('refuses to let Trino read another warehouse served on the port, naming both', async () => {
    const mine = localConfig();
    const theirs = localConfig();
    const port = await freePort();
    const other = await startEmbeddedCatalog(theirs, port);
    try {
      const error = await ensureServedCatalog(mine, port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      const message = (error as Error).message;
      expect(message).toContain(`serves ${warehouseRoot(theirs.lake.warehouse)}`);
      expect(message).toContain(`not ${warehouseRoot(mine.lake.warehouse)}`);
      expect(message).toMatch(/stop that server/);
    } finally {
      await other.close();
    }
  });

  it('names a port held by something that is not a catalog', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end('nope'));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await ensureServedCatalog(localConfig(), port).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`127.0.0.1:${port} answered GET /v1/config with HTTP 404`);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  it('does nothing on a profile whose catalog is a server', async () => {
    const cluster = resolveConfig({ profile: 'cluster', cwd: tmpdir(), env: {}, allowMissingSecrets: true });
    expect(await ensureServedCatalog(cluster, await freePort())).toBeUndefined();
  });

  it('kol-sdk catalog serve on a taken port says who holds it and names --port', async () => {
    const config = localConfig();
    const port = await freePort();
    const other = await startEmbeddedCatalog(config, port);
    try {
      // Asynchronously: the catalog holding the port answers from this process's event loop.
      const cli = await promisify(execFile)(process.execPath, ['sdk/cli/bin.mjs', 'catalog', 'serve', '--port', String(port)], {
        env: { ...process.env, KOL_HOME: config.home, KOL_PROFILE: 'local' },
        encoding: 'utf8',
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr ?? '' }),
      );
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`port ${port} is taken: another kol-sdk catalog serve already serves this warehouse`);
      expect(cli.stderr).toContain('--port N');
    } finally {
      await other.close();
    }
  }, 60_000);
});
