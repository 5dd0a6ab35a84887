import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { creatorFollowers } from '../../features/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';
import { compileTrainingFrame } from '../../sdk/frame/index.ts';
import { backfillFeatures, jsonlRelation } from '../../sdk/jobs/index.ts';

/**
 * `kol-sdk features backfill` writes the same values a training frame gets at each day's end, replaces
 * only the days asked for, and a re-run commits nothing.
 */
const xs = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const home = mkdtempSync(join(tmpdir(), 'kol-backfill-'));
const base = resolveConfig({ profile: 'local', cwd: home, env: {} });
const config = { ...base, events: { source: 'files' as const, dir: xs } };
const table = 'lake.kol_gold.features_creator_followers_v1';

async function stored(where = 'TRUE') {
  const lake = await openDuckDB(config);
  try {
    await lake.runner.run("SET TimeZone = 'UTC'");
    const rows = await lake.runner.rows(`SELECT * FROM ${table} WHERE ${where} ORDER BY creator_id, as_of`);
    const snapshots = await lake.runner.rows(`SELECT count(*) AS n FROM iceberg_snapshots(${table})`);
    return { rows, snapshots: Number(snapshots[0]?.n) };
  } finally {
    await lake.close();
  }
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('features backfill', () => {
  it('stores, per creator and day, the values a frame computes at the end of that day', async () => {
    const r = await backfillFeatures(creatorFollowers, { config, from: '2024-01-10', to: '2024-01-12' });
    expect(r.changed).toBe(true);
    expect(r.rows).toBe(30 * 3);
    const { rows } = await stored();
    expect(rows.length).toBe(90);

    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await conn.run("SET TimeZone = 'UTC'");
    await conn.run(`CREATE TABLE fs AS SELECT * FROM ${jsonlRelation('follower_snapshots', xs)}`);
    const spine = `SELECT DISTINCT creator_id, as_of FROM fs CROSS JOIN (VALUES (TIMESTAMP '2024-01-11'), (TIMESTAMP '2024-01-12'), (TIMESTAMP '2024-01-13')) AS d(as_of)`;
    const frame = compileTrainingFrame(
      { spine: { sql: spine }, features: [creatorFollowers], tables: { follower_snapshots: 'fs' } },
      'duckdb',
    );
    const expected = (await conn.runAndReadAll(frame.sql)).getRowObjectsJS() as Record<string, unknown>[];
    conn.closeSync();
    db.closeSync();
    expect(expected.length).toBe(90);
    rows.forEach((row, i) => {
      const e = expected[i] as Record<string, unknown>;
      expect(row.creator_id).toBe(e.creator_id);
      for (const c of frame.featureColumns) {
        const [a, b] = [row[c], e[c]];
        // Floats agree to rounding: the frame here aggregates on several threads, the backfill on one.
        if (typeof a === 'number' && typeof b === 'number') expect(Math.abs(a - b), c).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
        else expect(a, c).toEqual(b);
      }
    });
    expect(rows.filter((r) => r.followers_last_7d !== null).length).toBeGreaterThan(80);
  }, 120_000);

  it('commits nothing on a re-run and replaces only the days asked for', async () => {
    const before = await stored();
    const again = await backfillFeatures(creatorFollowers, { config, from: '2024-01-10', to: '2024-01-12' });
    expect(again.changed).toBe(false);
    expect((await stored()).snapshots).toBe(before.snapshots);

    const more = await backfillFeatures(creatorFollowers, { config, from: '2024-01-12', to: '2024-01-13' });
    expect(more.changed).toBe(true);
    const after = await stored();
    expect(after.rows.length).toBe(120);
    // Days outside the second range are untouched.
    const untouched = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => String(r.dt) < '2024-01-12').map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    expect(untouched(after.rows)).toEqual(untouched(before.rows));
  }, 120_000);

  it('refuses a bad day range with the fix', async () => {
    await expect(backfillFeatures(creatorFollowers, { config, from: '2024-02-10', to: '2024-02-01' })).rejects.toThrow(/from ≤ to/);
  });
});
