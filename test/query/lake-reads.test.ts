import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KolConfig, resolveConfig } from '../../sdk/config/index.ts';
import { LakeError } from '../../sdk/lake/index.ts';
import { duckdbHandle, lakeTablesNamed } from '../../sdk/query/duckdb/index.ts';
import { closeDuckDB, sql } from '../../sdk/query/index.ts';

describe('DuckDB queries over lake tables', () => {
  let home: string;
  let config: KolConfig;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-lake-reads-'));
    config = resolveConfig({ profile: 'local', cwd: home });
    await sql('CREATE SCHEMA IF NOT EXISTS lake.kol_test', { config });
    await sql('CREATE TABLE lake.kol_test.posts (id BIGINT, likes BIGINT)', { config });
    await sql('INSERT INTO lake.kol_test.posts SELECT i, i * 2 FROM range(5) r(i)', { config });
    await sql('CREATE TABLE lake.kol_test."odd name" (id BIGINT)', { config });
  }, 120_000);

  afterAll(async () => {
    await closeDuckDB();
    rmSync(home, { recursive: true, force: true });
  });

  it('finds the existing lake tables a text names, quoted or not, and leaves out names not created yet', async () => {
    const h = await duckdbHandle(config);
    try {
      const lake = h.attached;
      expect(lake).toBeDefined();
      if (!lake) return;
      const named = await lakeTablesNamed(
        lake,
        'SELECT * FROM lake.kol_test.posts p JOIN LAKE . kol_test . "odd name" o USING (id) JOIN lake.kol_test.not_yet n USING (id)',
      );
      expect(named.map((t) => `${t.namespace}.${t.name}`).sort()).toEqual(['kol_test.odd name', 'kol_test.posts']);
      expect(await lakeTablesNamed(lake, 'SELECT 1')).toEqual([]);
    } finally {
      h.release();
    }
  });

  it('answers over a healthy table and creates a table the text names', async () => {
    const r = await sql('SELECT sum(likes) AS s FROM lake.kol_test.posts', { config });
    expect(Number(r.rows[0]?.s)).toBe(20);
    await sql('CREATE TABLE lake.kol_test.copy AS SELECT * FROM lake.kol_test.posts', { config });
    expect(Number((await sql('SELECT count(*) AS n FROM lake.kol_test.copy', { config })).rows[0]?.n)).toBe(5);
  });

  it('refuses a table whose manifest list is gone, naming the file and the table, and the process lives on', async () => {
    const meta = await sql('SELECT manifest_list AS m FROM iceberg_snapshots(lake.kol_test.posts) ORDER BY timestamp_ms DESC LIMIT 1', {
      config,
    });
    const manifestList = String(meta.rows[0]?.m);
    unlinkSync(manifestList.startsWith('file:') ? fileURLToPath(manifestList) : manifestList);
    // A new session, as the next command or kernel would open: the old one has the table's files cached.
    await closeDuckDB();
    const error = await sql('SELECT count(*) FROM lake.kol_test.posts', { config }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LakeError);
    expect((error as LakeError).code).toBe('lake.file_missing');
    expect((error as LakeError).message).toContain('kol_test.posts');
    expect((error as LakeError).message).toContain(manifestList.replace(/^file:\/\//, ''));
    expect(Number((await sql('SELECT count(*) AS n FROM lake.kol_test.copy', { config })).rows[0]?.n)).toBe(5);
  });
});
