import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { ensureTable, fits, LakeError, type LakeTable, lakeTable, misfits, parseTableName } from '../../sdk/lake/index.ts';

describe('fits and misfits', () => {
  it('lets through same types, NULLs, numbers into numbers, times into times and anything into text', () => {
    expect(fits('INTEGER', 'BIGINT')).toBe(true);
    expect(fits('DECIMAL(4,3)', 'DOUBLE')).toBe(true);
    expect(fits('NULL', 'TIMESTAMP WITH TIME ZONE')).toBe(true);
    expect(fits('DATE', 'TIMESTAMP WITH TIME ZONE')).toBe(true);
    expect(fits('BIGINT', 'VARCHAR')).toBe(true);
    expect(fits('VARCHAR', 'BIGINT')).toBe(false);
    expect(fits('BOOLEAN', 'BIGINT')).toBe(false);
    expect(fits('BIGINT', 'TIMESTAMP WITH TIME ZONE')).toBe(false);
  });

  it('names each position that differs: missing, extra, type, and a column from elsewhere in the table', () => {
    const table = [
      { name: 'id', type: 'VARCHAR' },
      { name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' },
      { name: 'v', type: 'BIGINT' },
    ];
    expect(misfits(table, table)).toEqual([]);
    expect(misfits(table, table.slice(0, 2)).map((m) => [m.position, m.problem])).toEqual([[3, 'missing']]);
    expect(misfits(table, [...table, { name: 'w', type: 'DOUBLE' }]).map((m) => [m.position, m.problem])).toEqual([[4, 'extra']]);
    const swapped = [table[0], table[2], table[1]] as typeof table;
    expect(misfits(table, swapped).map((m) => [m.position, m.problem])).toEqual([
      [2, 'order'],
      [3, 'order'],
    ]);
    expect(misfits(table, [table[0], table[1], { name: 'v', type: 'VARCHAR' }] as typeof table).map((m) => m.problem)).toEqual(['type']);
  });
});

describe('appending rows that do not fit a lake table', () => {
  let home: string;
  let lake: DuckDBLake;
  let t: LakeTable;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-append-fit-'));
    lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
    await lake.runner.run("SET TimeZone = 'UTC'");
    await ensureTable(lake.runner, parseTableName('kol_test.events'), { columns: 'id VARCHAR, ts TIMESTAMPTZ, v BIGINT' });
    t = await lakeTable(lake, 'kol_test.events');
    await t.append("SELECT 'a', TIMESTAMPTZ '2024-01-01 00:00:00+00', 1");
  }, 120_000);

  afterAll(async () => {
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses with the column-by-column difference and leaves the table at its snapshot', async () => {
    const before = (await t.describe()).currentSnapshotId;
    const error = await t.append("SELECT 'b' AS id, 2 AS v, TIMESTAMPTZ '2024-01-02 00:00:00+00' AS ts, 'extra' AS note").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LakeError);
    const e = error as LakeError;
    expect(e.code).toBe('lake.schema_mismatch');
    expect(e.table).toBe('kol_test.events');
    expect(e.message).toContain("2. ts TIMESTAMP WITH TIME ZONE gets the rows' v INTEGER");
    expect(e.message).toContain("3. v BIGINT gets the rows' ts TIMESTAMP WITH TIME ZONE");
    expect(e.message).toContain("4. the rows' note VARCHAR has no column in the table");
    expect(e.fix).toMatch(/CAST/);
    expect((await t.describe()).currentSnapshotId).toBe(before);
    expect(await t.rows()).toHaveLength(1);
  });

  it('refuses text into a number, and lands rows that fit with a bound parameter', async () => {
    await expect(t.append("SELECT 'c', TIMESTAMPTZ '2024-01-03 00:00:00+00', 'seven'")).rejects.toThrow(/3\. v BIGINT gets the rows/);
    expect(await t.append("SELECT 'd', TIMESTAMPTZ '2024-01-04 00:00:00+00', ?::INTEGER", [7])).toBe(1);
    expect(await t.rows({ where: "id = 'd'" })).toHaveLength(1);
  });
});
