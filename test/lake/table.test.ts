import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { compactTable, ensureTable, expireSnapshots, LakeError, type LakeTable, lakeTable, parseTableName } from '../../sdk/lake/index.ts';

describe('lake tables on the embedded catalog', () => {
  let home: string;
  let lake: DuckDBLake;
  let t: LakeTable;
  const name = parseTableName('kol_test.events');

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-lake-'));
    lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
    await lake.runner.run("SET TimeZone = 'UTC'");
    await ensureTable(lake.runner, name, {
      columns: 'id VARCHAR, creator_id VARCHAR, ts TIMESTAMPTZ, v BIGINT',
      partitionBy: 'day(ts), bucket(4, creator_id)',
    });
    t = await lakeTable(lake, 'kol_test.events');
    for (let day = 1; day <= 3; day++) {
      await t.append(
        `SELECT 'e' || ${day} || '-' || i, 'c' || (i % 5), TIMESTAMPTZ '2024-01-0${day} 00:00:00+00' + to_minutes(i), i FROM range(100) r(i)`,
      );
    }
  }, 300_000);

  afterAll(async () => {
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('describes the schema with field ids, the partition spec and one snapshot per commit', async () => {
    const info = await t.describe();
    expect(info.columns.map((c) => [c.id, c.name])).toEqual([
      [1, 'id'],
      [2, 'creator_id'],
      [3, 'ts'],
      [4, 'v'],
    ]);
    expect(info.partitionSpec.map((p) => `${p.transform}(${p.source})`)).toEqual(['day(ts)', 'bucket[4](creator_id)']);
    expect(info.snapshots).toHaveLength(3);
    expect(info.currentSnapshotId).toBe(info.snapshots[2]?.snapshotId);
    const files = await t.files();
    expect(files.reduce((s, f) => s + f.records, 0)).toBe(300);
    expect(files.every((f) => (f.bytes ?? 0) > 0)).toBe(true);
  });

  it('scans with projection, a bound filter, and time travel by snapshot and by time', async () => {
    const rows = await t.rows({ columns: ['id', 'v'], where: 'creator_id = ? AND v < ?', params: ['c1', 20n] });
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'v']);
    expect(rows).toHaveLength(12);
    const [first] = await t.snapshots();
    expect(await t.rows({ snapshotId: first?.snapshotId })).toHaveLength(100);
    expect(await t.rows({ asOf: first?.timestamp })).toHaveLength(100);
    const arrow = await t.arrow({ columns: ['v'], where: 'v >= 99' });
    expect(arrow.numRows).toBe(3);
  });

  it('materializes a scan into a temp table for SQL, leaving the session setting as it was', async () => {
    expect(await t.materialize('day2', { where: 'ts >= ? AND ts < ?', params: ['2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z'] })).toBe(
      100,
    );
    const [agg] = await lake.runner.rows('SELECT count(DISTINCT id) AS ids, min(ts)::DATE::VARCHAR AS d, sum(v) AS s FROM day2');
    expect(agg).toEqual({ ids: 100n, d: '2024-01-02', s: 4950n });
    expect(await t.materialize('day2', { columns: ['id'], snapshotId: (await t.snapshots())[0]?.snapshotId })).toBe(100);
    const [setting] = await lake.runner.rows("SELECT current_setting('preserve_insertion_order') AS v");
    expect(setting?.v).toBe(true);
  });

  it('overwrites a filter and merges by key, one snapshot each', async () => {
    const n = (await t.snapshots()).length;
    const r = await t.overwrite(
      "CAST(ts AS DATE) = DATE '2024-01-03'",
      `SELECT id, creator_id, ts, v * 10 FROM ${t.sql} WHERE CAST(ts AS DATE) = DATE '2024-01-03'`,
    );
    expect(r).toEqual({ rows: 100, changed: true });
    const merged = await t.merge(
      "SELECT 'e1-0' AS id, 'c0' AS creator_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS ts, -1::BIGINT AS v UNION ALL SELECT 'new', 'c9', TIMESTAMPTZ '2024-01-04 00:00:00+00', 7",
      ['id'],
    );
    expect(merged).toBe(2);
    expect(await t.rows({ where: "id IN ('e1-0', 'new')", columns: ['id', 'v'] })).toEqual(
      expect.arrayContaining([
        { id: 'e1-0', v: -1n },
        { id: 'new', v: 7n },
      ]),
    );
    expect(Number((await t.rows({ columns: ['v'], where: "id = 'e3-5'" }))[0]?.v)).toBe(50);
    expect((await t.snapshots()).length).toBeGreaterThan(n);
  });

  it('keeps field ids through schema evolution (add, rename)', async () => {
    await lake.runner.run(`ALTER TABLE ${t.sql} ADD COLUMN score DOUBLE`);
    await lake.runner.run(`ALTER TABLE ${t.sql} RENAME COLUMN v TO value`);
    const cols = (await t.describe()).columns.map((c) => [c.id, c.name]);
    expect(cols).toEqual([
      [1, 'id'],
      [2, 'creator_id'],
      [3, 'ts'],
      [4, 'value'],
      [5, 'score'],
    ]);
  });

  it('refuses an unknown table naming the nearest one', async () => {
    await expect(lakeTable(lake, 'kol_test.event')).rejects.toThrow(/did you mean 'kol_test.events'/);
    await expect(lakeTable(lake, 'kol_tset.events')).rejects.toThrow(/did you mean 'kol_test'/);
    await expect(lakeTable(lake, 'kol_test.events')).resolves.toBeDefined();
  });

  it('leaves the table at its previous snapshot when a commit fails', async () => {
    const before = (await t.describe()).currentSnapshotId;
    await expect(t.overwrite('TRUE', "SELECT 'x', 'y'")).rejects.toThrow();
    expect((await t.describe()).currentSnapshotId).toBe(before);
    expect(await t.rows()).toHaveLength(301);
  });
});

describe('compaction and snapshot expiry on the embedded catalog', () => {
  let home: string;
  let lake: DuckDBLake;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-lake-m-'));
    lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
  }, 300_000);

  afterAll(async () => {
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('compacts many small files into one replace snapshot, then expiry deletes the files only old snapshots used', async () => {
    const name = parseTableName('kol_test.small');
    await ensureTable(lake.runner, name, { columns: 'id BIGINT, dt DATE', partitionBy: 'dt' });
    const t = await lakeTable(lake, 'kol_test.small');
    for (let i = 0; i < 6; i++) await t.append(`SELECT ${i * 10} + r, DATE '2024-01-01' + (r % 2)::INT FROM range(10) x(r)`);
    await lake.runner.run(`DELETE FROM ${t.sql} WHERE id < 5`);
    const expected = await t.rows({ columns: ['id'], where: 'TRUE ORDER BY id' });
    const oldFiles = (await t.files()).map((f) => f.path);
    const r = await compactTable(lake, name);
    expect(r.filesBefore).toBe(oldFiles.length);
    expect(r.filesAfter).toBe(2);
    expect(await t.rows({ columns: ['id'], where: 'TRUE ORDER BY id' })).toEqual(expected);
    const info = await t.describe();
    expect(info.currentSnapshotId).toBe(r.snapshotId);
    expect(info.snapshots.at(-1)?.operation).toBe('replace');
    const listed = (await (await fetch(`${lake.catalogUri}/v1/namespaces/kol_test/tables`)).json()) as { identifiers: { name: string }[] };
    expect(listed.identifiers.map((i) => i.name)).toEqual(['small']);

    const e = await expireSnapshots(lake, name, { retainLast: 1 });
    expect(e.kept).toEqual([r.snapshotId]);
    expect(e.expired).toHaveLength(info.snapshots.length - 1);
    expect(e.deletedFiles).toBeGreaterThanOrEqual(oldFiles.length);
    expect(oldFiles.filter((f) => existsSync(fileURLToPath(f)))).toEqual([]);
    expect(await t.rows({ columns: ['id'], where: 'TRUE ORDER BY id' })).toEqual(expected);
    await t.append("SELECT 1000, DATE '2024-01-01'");
    expect(await t.rows()).toHaveLength(expected.length + 1);
  }, 300_000);

  it('refuses maintenance without the embedded catalog with the way to do it', async () => {
    const fake = { ...lake, catalog: undefined } as DuckDBLake;
    await expect(expireSnapshots(fake, parseTableName('kol_test.small'))).rejects.toBeInstanceOf(LakeError);
  });
});
