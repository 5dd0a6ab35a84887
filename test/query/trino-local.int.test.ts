import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMBEDDED_CATALOG_PORT, probeCatalogPort } from '../../sdk/lake/index.ts';
import { sql } from '../../sdk/query/index.ts';
import { devServicesConfig } from '../../sdk/services/context.ts';
import { describeService } from '../services/int-support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describeService('trino', 'kol-sdk query --engine trino on the local profile (the xs lake, Trino through the embedded catalog)', () => {
  let home: string;
  const cli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'sdk/cli/bin.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, KOL_HOME: join(home, '.kol'), KOL_PROFILE: 'local' },
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    return JSON.parse(stdout) as { columns: { name: string }[]; rows: Record<string, unknown>[]; rowCount: number };
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-trino-local-'));
    const holder = await probeCatalogPort(EMBEDDED_CATALOG_PORT, `file://${join(home, '.kol', 'warehouse')}`);
    if (holder.kind !== 'free') {
      throw new Error(
        `port ${EMBEDDED_CATALOG_PORT} is taken (${holder.kind === 'other-warehouse' || holder.kind === 'other' ? holder.message : 'this warehouse'}): stop the kol-sdk catalog serve (or bench) holding it, then run this test again`,
      );
    }
    // The xs world's files, landed and rolled up in this test's own warehouse.
    await cli('pipeline', 'run', 'all', '--json');
  }, 900_000);

  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('returns the same gold rows as --engine duckdb, and the command exits without keeping the catalog it served', async () => {
    const text = 'SELECT * FROM {{gold.creator_daily_kpis}} ORDER BY creator_id, dt';
    const trino = await cli('query', '--engine', 'trino', '--json', text);
    // The command served the catalog on the fixed port for Trino, in its own process, and is gone with it.
    expect((await probeCatalogPort(EMBEDDED_CATALOG_PORT, 'file:///')).kind).toBe('free');
    const duckdb = await cli('query', '--engine', 'duckdb', '--json', text);
    expect(duckdb.rowCount).toBeGreaterThan(1000);
    expect(trino.columns.map((c) => c.name)).toEqual(duckdb.columns.map((c) => c.name));
    expect(trino.rowCount).toBe(duckdb.rowCount);
    expect(trino.rows).toEqual(duckdb.rows);
  }, 300_000);

  it('Trino reads the warehouse a kol-sdk catalog serve serves, which a Trino query then uses as it is', async () => {
    const env = { ...process.env, KOL_HOME: join(home, '.kol'), KOL_PROFILE: 'local' };
    const server = spawn(process.execPath, [join(ROOT, 'sdk/cli/bin.mjs'), 'catalog', 'serve', '--json'], { cwd: ROOT, env });
    const exited = new Promise<number | null>((ok) => server.on('close', (code) => ok(code)));
    try {
      let out = '';
      const info = await new Promise<{ port: number; warehouse: string }>((ok, fail) => {
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          try {
            ok(JSON.parse(out));
          } catch {
            // not all of it yet
          }
        });
        server.on('close', (code) => fail(new Error(`catalog serve exited with ${code} before serving`)));
      });
      expect(info.port).toBe(EMBEDDED_CATALOG_PORT);
      expect((await probeCatalogPort(EMBEDDED_CATALOG_PORT, info.warehouse)).kind).toBe('this-warehouse');
      const text = 'SELECT count(*) AS n, count(DISTINCT creator_id) AS creators FROM {{gold.creator_daily_kpis}}';
      const trino = await cli('query', '--engine', 'trino', '--json', text);
      const duckdb = await cli('query', '--engine', 'duckdb', '--json', text);
      expect(trino.rows).toEqual(duckdb.rows);
      // Still the same server: the query process used it rather than serving its own.
      expect((await probeCatalogPort(EMBEDDED_CATALOG_PORT, info.warehouse)).kind).toBe('this-warehouse');
    } finally {
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 300_000);

  it("says what to run when Trino's lake catalog is named while nothing serves it", async () => {
    // The cluster profile serves nothing on the port; Trino alone would say only "Failed to load view" or
    // "Error occurred while processing GET request".
    const error = await sql('SELECT count(*) FROM lake.kol_gold.creator_daily_kpis', {
      engine: 'trino',
      config: devServicesConfig(),
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`nothing serves it: run kol-sdk catalog serve`);
    const schemas = await sql('SHOW SCHEMAS FROM lake', { engine: 'trino', config: devServicesConfig() }).catch((e: unknown) => e as Error);
    expect((schemas as Error).message).toContain(`127.0.0.1:${EMBEDDED_CATALOG_PORT} and nothing serves it`);
  }, 120_000);
});
