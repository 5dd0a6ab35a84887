import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFeatureSet } from '../../../sdk/compile/index.ts';
import { frameDiff } from '../../features/compare.ts';
import { type Duck, loadSource, loadSpine, openDuck } from '../../features/duck.ts';
import { FIXTURE_SETS } from '../../features/fixtures.ts';
import { referenceFrame } from '../../features/reference.ts';
import { commentRows, engagementRows, followerRows, spineRows } from '../../features/seeded.ts';

/**
 * Golden SQL of every fixture set in both dialects: a change to the generator shows up as a reviewable text
 * diff. `UPDATE_GOLDEN=1` rewrites the files. Every golden DuckDB query is also executed as stored, against
 * seeded tables under the lake's table names, and must equal the reference.
 */
const dir = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const ROWS: Record<string, (seed: number) => Record<string, unknown>[]> = {
  engagement: engagementRows,
  follower_snapshots: followerRows,
  comments: commentRows,
};
const TIMES: Record<string, string[]> = {
  engagement: ['posted_at', 'observed_at'],
  follower_snapshots: ['captured_at'],
  comments: ['created_at'],
};

describe('golden SQL', () => {
  for (const set of Object.values(FIXTURE_SETS)) {
    for (const dialect of ['duckdb', 'trino'] as const) {
      it(`${set.name} (${dialect})`, () => {
        const file = join(dir, `${set.name}.${dialect}.sql`);
        const sql = `${compileFeatureSet(set, { dialect, spine: { table: 'spine' } }).sql}\n`;
        if (update || !existsSync(file)) writeFileSync(file, sql);
        expect(sql).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('golden DuckDB SQL executes and equals the reference', () => {
  let duck: Duck;
  beforeAll(async () => {
    duck = await openDuck();
    await duck.run('CREATE SCHEMA IF NOT EXISTS kol_silver');
  });
  afterAll(() => duck.close());

  for (const set of Object.values(FIXTURE_SETS)) {
    it(set.name, async () => {
      const sql = readFileSync(join(dir, `${set.name}.duckdb.sql`), 'utf8');
      const make = ROWS[set.source.name] as (seed: number) => Record<string, unknown>[];
      const rows = make(42);
      const spine = spineRows(42, rows, TIMES[set.source.name] as string[]);
      await loadSource(duck, set.source.table, set.source, rows);
      await loadSpine(duck, 'spine', set.entity.keys, spine);
      const actual = await duck.rows(sql);
      expect(actual.length).toBe(spine.length);
      expect(frameDiff(set, actual, referenceFrame(set, rows, spine)).slice(0, 10)).toEqual([]);
    });
  }
});
