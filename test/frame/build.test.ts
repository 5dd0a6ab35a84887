import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFeatureSet } from '../../sdk/compile/index.ts';
import { IssuesError } from '../../sdk/errors/index.ts';
import { cohortPercentile, defineFeatureView, derive, feat, safeDiv } from '../../sdk/features/index.ts';
import {
  buildTrainingFrame,
  compileTrainingFrame,
  duckdbRunner,
  frameMatrix,
  frameToArrow,
  type SqlRunner,
} from '../../sdk/frame/index.ts';
import { type Duck, loadSource, loadSpine, openDuck } from '../features/duck.ts';
import { creatorCohorts, creatorEngagement, creatorFollowers } from '../features/fixtures.ts';
import { engagementRows, followerRows, spineRows } from '../features/seeded.ts';

let duck: Duck;
let runner: SqlRunner;
beforeAll(async () => {
  duck = await openDuck();
  runner = { dialect: 'duckdb', rows: (sql) => duck.rows(sql), run: (sql) => duck.run(sql) };
  const eng = engagementRows(3);
  const fol = followerRows(3);
  await loadSource(duck, 'eng', creatorEngagement.source, eng);
  await loadSource(duck, 'fol', creatorFollowers.source, fol);
  // a spine with a label, a duplicated (key, as_of) row and one creator without any events
  const spine = spineRows(3, eng, ['posted_at', 'observed_at']).slice(0, 40);
  await loadSpine(
    duck,
    'spine_base',
    ['creator_id'],
    [...spine, spine[0] as Record<string, unknown>, { creator_id: 'nobody', as_of: new Date(Date.UTC(2024, 3, 1)) }],
  );
  await duck.run(`CREATE TABLE spine AS SELECT *, (row_number() OVER (ORDER BY creator_id, as_of)) % 2 AS is_fraud FROM spine_base`);
  await duck.run(`CREATE TABLE outcomes (creator_id VARCHAR, kpi_met INTEGER, matured_at TIMESTAMP)`);
  await duck.run(`INSERT INTO outcomes VALUES ('c0', 1, TIMESTAMP '2024-03-10 00:00:00'), ('c1', 0, TIMESTAMP '2030-01-01 00:00:00')`);
});
afterAll(() => duck.close());

const spec = {
  spine: { table: 'spine' },
  carry: ['is_fraud'],
  features: [creatorEngagement, creatorFollowers],
  tables: { engagement: 'eng', follower_snapshots: 'fol' },
} as const;

describe('buildTrainingFrame', () => {
  it('gives every spine row (duplicates included) the values of each set compiled on its own', async () => {
    const frame = await buildTrainingFrame(spec, runner);
    const spineCount = (await duck.rows('SELECT count(*) AS n FROM spine'))[0]?.n;
    expect(frame.rows.length).toBe(Number(spineCount));
    for (const [set, table] of [
      [creatorEngagement, 'eng'],
      [creatorFollowers, 'fol'],
    ] as const) {
      const alone = await duck.rows(
        compileFeatureSet(set, { dialect: 'duckdb', spine: { sql: 'SELECT DISTINCT creator_id, as_of FROM spine' }, table }).sql,
      );
      const byKey = new Map(alone.map((r) => [`${r.creator_id}|${(r.as_of as Date).getTime()}`, r]));
      for (const row of frame.rows) {
        const expected = byKey.get(`${row.creator_id}|${(row.as_of as Date).getTime()}`);
        expect(expected).toBeDefined();
        for (const out of set.outputs) expect(row[out.name], out.name).toEqual(expected?.[out.name]);
      }
    }
    expect(frame.columns.slice(0, 3)).toEqual(['creator_id', 'as_of', 'is_fraud']);
    expect(frame.featureColumns.length).toBe(creatorEngagement.outputs.length + creatorFollowers.outputs.length);
    expect(Object.keys(frame.featureSetHashes)).toEqual(['creator_engagement', 'creator_followers']);
  });

  it('joins a label only if it had matured by the time of use', async () => {
    const frame = await buildTrainingFrame(
      {
        ...spec,
        labels: {
          from: 'outcomes',
          on: { creator_id: 'creator_id' },
          columns: ['kpi_met'],
          maturedAt: 'matured_at',
          usedAt: new Date(Date.UTC(2025, 0, 1)),
        },
      },
      runner,
    );
    const c0 = frame.rows.filter((r) => r.creator_id === 'c0');
    const c1 = frame.rows.filter((r) => r.creator_id === 'c1');
    expect(c0.length).toBeGreaterThan(0);
    expect(c0.every((r) => r.kpi_met === 1)).toBe(true);
    // c1's outcome matures in 2030: unknown at the time of use
    expect(c1.every((r) => r.kpi_met === null)).toBe(true);
  });

  it('turns the frame into a numeric matrix and an Arrow table', async () => {
    const frame = await buildTrainingFrame(spec, runner);
    const { x, featureNames, skipped } = frameMatrix(frame);
    expect(x.rows).toBe(frame.rows.length);
    expect(featureNames.length + skipped.length).toBe(frame.featureColumns.length);
    const nobody = frame.rows.findIndex((r) => r.creator_id === 'nobody');
    expect(Number.isNaN(x.values[nobody * x.cols + featureNames.indexOf(featureNames.find((n) => n.startsWith('likes_sum')) ?? '')])).toBe(
      true,
    );
    expect(frameToArrow(frame).numRows).toBe(frame.rows.length);
  });

  it('can store the frame as a table', async () => {
    const frame = await buildTrainingFrame(spec, runner, { writeTo: 'stored_frame' });
    const stored = await duck.rows('SELECT count(*) AS n FROM stored_frame');
    expect(Number(stored[0]?.n)).toBe(frame.rows.length);
  });

  it('refuses clashing output names and names the fix; prefixes name columns by set', () => {
    const clash = { ...spec, features: [creatorEngagement, creatorCohorts] };
    expect(() => compileTrainingFrame(clash, 'duckdb')).toThrow(IssuesError);
    expect(() => compileTrainingFrame(clash, 'duckdb')).toThrow(/prefixWithSetName/);
    const prefixed = compileTrainingFrame({ ...spec, prefixWithSetName: true }, 'trino');
    expect(prefixed.featureColumns[0]).toMatch(/^creator_engagement__/);
    expect(prefixed.featureColumns.at(-1)).toMatch(/^creator_followers__/);
  });

  it('computes views across sets row by row, and cohort statistics over the rows sharing as_of', async () => {
    const view = defineFeatureView({
      name: 'likes_per_follower_view',
      version: 1,
      inputs: [creatorEngagement, creatorFollowers],
      features: {
        likes_per_follower: derive(safeDiv(feat('likes_sum_7d'), feat('followers_last_28d'))),
        lpf_pct: cohortPercentile(feat('likes_per_follower'), { by: [feat('platform_last_28d')] }),
      },
    });
    const frame = await buildTrainingFrame({ ...spec, features: [view] }, runner);
    expect(frame.featureColumns.slice(-2)).toEqual(['likes_per_follower', 'lpf_pct']);
    expect(frame.featureSetHashes).toHaveProperty('likes_per_follower_view', view.hash);
    let checked = 0;
    for (const row of frame.rows) {
      const likes = row.likes_sum_7d === null ? null : Number(row.likes_sum_7d);
      const followers = row.followers_last_28d === null ? null : Number(row.followers_last_28d);
      const expected = likes === null || followers === null || followers === 0 ? null : likes / followers;
      if (expected === null) expect(row.likes_per_follower).toBeNull();
      else expect(row.likes_per_follower as number).toBeCloseTo(expected, 12);
      if (expected === null) continue;
      // cume_dist within rows of the same as_of and platform with a value.
      const peers = frame.rows.filter(
        (r) =>
          (r.as_of as Date).getTime() === (row.as_of as Date).getTime() &&
          r.platform_last_28d === row.platform_last_28d &&
          r.likes_per_follower !== null,
      );
      const atOrBelow = peers.filter((r) => (r.likes_per_follower as number) <= expected).length;
      expect(row.lpf_pct as number).toBeCloseTo(atOrBelow / peers.length, 12);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('refuses a view reading an output no input set has, with a suggestion', () => {
    expect(() =>
      defineFeatureView({
        name: 'bad_view',
        version: 1,
        inputs: [creatorFollowers],
        features: { x: derive(safeDiv(feat('followers_last_28'), feat('snapshots_count_28d'))) },
      }),
    ).toThrow(/followers_last_28d/);
  });

  it('adapts a @duckdb/node-api connection', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const r = duckdbRunner(conn);
    await r.run('CREATE TABLE t AS SELECT 1 AS a');
    expect(await r.rows('SELECT a FROM t')).toEqual([{ a: 1 }]);
    conn.closeSync();
    db.closeSync();
  });
});
