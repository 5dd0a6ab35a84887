import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { frameDiff } from '../../features/compare.ts';
import { FIXTURE_SETS } from '../../features/fixtures.ts';
import { referenceFrame } from '../../features/reference.ts';
import { commentRows, engagementRows, followerRows, spineRows } from '../../features/seeded.ts';
import { fromTrino, spineRelation, trinoRows, valuesRelation } from './trino-run.ts';

/**
 * The golden Trino SQL, executed on the development Trino with the lake table and the spine swapped for
 * inline VALUES of the same seeded data, equals the brute-force reference — so both dialects compute the
 * same features (the approximate distinct count included, bit for bit).
 */
const SERVER = process.env.KOL_TRINO_URL ?? 'http://127.0.0.1:8080';
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

describe('golden Trino SQL executes on Trino and equals the reference', () => {
  for (const set of Object.values(FIXTURE_SETS)) {
    it.skipIf(!inject('kolServicesUp').includes('trino'))(set.name, async () => {
      const golden = readFileSync(join(import.meta.dirname, 'golden', `${set.name}.trino.sql`), 'utf8');
      for (const seed of [42, 7]) {
        const rows = (ROWS[set.source.name] as (s: number) => Record<string, unknown>[])(seed);
        const spine = spineRows(seed, rows, TIMES[set.source.name] as string[]);
        const sql = golden
          .replace(`FROM ${set.source.table}\n`, `FROM ${valuesRelation(set.source, rows)}\n`)
          .replace('FROM spine\n', `FROM ${spineRelation(set.entity.keys, spine)}\n`);
        const { columns, rows: out } = await trinoRows(SERVER, sql.trim());
        const actual = fromTrino(set, columns, out);
        expect(frameDiff(set, actual, referenceFrame(set, rows, spine)).slice(0, 10), `seed ${seed}`).toEqual([]);
      }
    });
  }
});
