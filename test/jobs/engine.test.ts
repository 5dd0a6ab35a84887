import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';
import { openJobEngine } from '../../sdk/jobs/index.ts';
import { ensureTable, LakeError, lakeTable, parseTableName } from '../../sdk/lake/index.ts';

describe('openJobEngine on a local lake', () => {
  let home: string;
  const config = () => resolveConfig({ profile: 'local', cwd: home });

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-job-engine-'));
    const lake = await openDuckDB(config());
    try {
      await ensureTable(lake.runner, parseTableName('kol_silver.posts'), { columns: 'event_id VARCHAR, creator_id VARCHAR, likes BIGINT' });
      const t = await lakeTable(lake, 'kol_silver.posts');
      await t.append("SELECT 'e' || i, 'c' || (i % 3), i FROM range(10) r(i)");
    } finally {
      await lake.close();
    }
  }, 120_000);

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('reads the silver tables when the lake has them', async () => {
    const engine = await openJobEngine(config(), ['posts']);
    try {
      expect(engine.backend).toBe('duckdb-lake');
      const [row] = await engine.runner.rows(`SELECT sum(likes) AS s FROM ${engine.relation('posts')}`);
      expect(Number(row?.s)).toBe(45);
    } finally {
      await engine.close();
    }
  });

  it('refuses a silver table with a missing manifest list, naming the file and the table, instead of falling back or crashing', async () => {
    const lake = await openDuckDB(config());
    let manifestList: string;
    try {
      const info = await (await lakeTable(lake, 'kol_silver.posts')).describe();
      manifestList = info.snapshots.at(-1)?.manifestList as string;
    } finally {
      await lake.close();
    }
    unlinkSync(manifestList.startsWith('file:') ? fileURLToPath(manifestList) : manifestList);
    const error = await openJobEngine(config(), ['posts']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LakeError);
    expect((error as LakeError).code).toBe('lake.file_missing');
    expect((error as LakeError).message).toContain('kol_silver.posts');
    expect((error as LakeError).message).toContain(manifestList.replace(/^file:\/\//, ''));
  });
});
