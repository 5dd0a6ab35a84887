import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFeatureSet } from '../../../sdk/compile/index.ts';
import type { FeatureSetDef, SourceDef } from '../../../sdk/features/index.ts';
import { frameDiff } from '../../features/compare.ts';
import { type Duck, loadSource, loadSpine, openDuck } from '../../features/duck.ts';
import { creatorCohorts, creatorComments, creatorEngagement, creatorFollowers } from '../../features/fixtures.ts';
import { referenceFrame } from '../../features/reference.ts';
import { commentRows, engagementRows, followerRows, spineRows } from '../../features/seeded.ts';

/**
 * The compiled DuckDB SQL against the brute-force reference on seeded random data: out-of-order, late,
 * revised and duplicate observations, nulls, empty windows, events exactly at as_of and at window edges.
 */
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

const CASES: { name: string; set: FeatureSetDef; source: SourceDef; rows: (seed: number) => Record<string, unknown>[]; times: string[] }[] =
  [
    {
      name: 'bitemporal engagement, every aggregate',
      set: creatorEngagement,
      source: creatorEngagement.source,
      rows: engagementRows,
      times: ['posted_at', 'observed_at'],
    },
    {
      name: 'plain snapshots, duplicates count',
      set: creatorFollowers,
      source: creatorFollowers.source,
      rows: followerRows,
      times: ['captured_at'],
    },
    {
      name: 'comments deduplicated by event key',
      set: creatorComments,
      source: creatorComments.source,
      rows: commentRows,
      times: ['created_at'],
    },
    {
      name: 'cohort-relative features',
      set: creatorCohorts,
      source: creatorCohorts.source,
      rows: engagementRows,
      times: ['posted_at', 'observed_at'],
    },
  ];

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck.close());

describe('compiled DuckDB SQL equals the brute-force reference', () => {
  for (const c of CASES) {
    it(`${c.name} (${SEEDS.length} seeds)`, async () => {
      for (const seed of SEEDS) {
        const rows = c.rows(seed);
        const spine = spineRows(seed, rows, c.times);
        await loadSource(duck, 'events', c.source, rows);
        await loadSpine(duck, 'spine', c.set.entity.keys, spine);
        const { sql } = compileFeatureSet(c.set, { dialect: 'duckdb', spine: { table: 'spine' }, table: 'events' });
        const actual = await duck.rows(sql);
        const expected = referenceFrame(c.set, rows, spine);
        const diff = frameDiff(c.set, actual, expected);
        expect(diff.slice(0, 15), `seed ${seed}`).toEqual([]);
      }
    });
  }
});

describe('spine forms', () => {
  it('inline VALUES, a SELECT and a table give the same frame', async () => {
    const rows = followerRows(5);
    const spine = spineRows(5, rows, ['captured_at']);
    await loadSource(duck, 'events', creatorFollowers.source, rows);
    await loadSpine(duck, 'spine', ['creator_id'], spine);
    const run = async (s: Parameters<typeof compileFeatureSet>[1]['spine']) =>
      duck.rows(compileFeatureSet(creatorFollowers, { dialect: 'duckdb', spine: s, table: 'events' }).sql);
    const fromTable = await run({ table: 'spine' });
    expect(await run({ values: spine })).toEqual(fromTable);
    expect(await run({ sql: 'SELECT creator_id, as_of AS ts FROM spine', asOf: 'ts' })).toEqual(fromTable);
    expect(fromTable.length).toBe(spine.length);
  });
});
