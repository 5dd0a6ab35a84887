import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '../../../features/index.ts';
import { compileFeatureSet } from '../../../sdk/compile/index.ts';
import type { FeatureSetDef } from '../../../sdk/features/index.ts';
import { compileTrainingFrame } from '../../../sdk/frame/index.ts';
import { jsonlRelation } from '../../../sdk/jobs/index.ts';
import { frameDiff } from '../compare.ts';
import { type Duck, openDuck } from '../duck.ts';
import { referenceFrame } from '../reference.ts';

/**
 * The KOL feature library: golden SQL of every set and view in both dialects (`UPDATE_GOLDEN=1` rewrites
 * them), and every set's golden DuckDB query executed as stored over the committed xs world, equal on every
 * row to the brute-force reference (plain loops over the raw events).
 */
const dir = join(import.meta.dirname, 'golden');
const xs = join(import.meta.dirname, '..', '..', '..', 'data-samples', 'xs');
const update = process.env.UPDATE_GOLDEN === '1';
const defs = Object.values(LIBRARY);
const sets = defs.filter((d): d is FeatureSetDef => d.kind === 'feature_set');
const typeOf = (set: FeatureSetDef) => set.source.table.split('.').at(-1) as string;

const goldenSql = (name: string, dialect: 'duckdb' | 'trino'): string => {
  const def = LIBRARY[name];
  if (def === undefined) throw new Error(name);
  return `${
    def.kind === 'feature_set'
      ? compileFeatureSet(def, { dialect, spine: { table: 'spine' } }).sql
      : compileTrainingFrame({ spine: { table: 'spine' }, features: [def] }, dialect).sql
  }\n`;
};

describe('feature library: golden SQL', () => {
  it('holds the trust and success sets and views', () => {
    expect(Object.keys(LIBRARY)).toEqual(expect.arrayContaining(['creator_trust_view', 'campaign_fit_view', 'creator_followers']));
  });
  for (const def of defs) {
    for (const dialect of ['duckdb', 'trino'] as const) {
      it(`${def.name} (${dialect})`, () => {
        const file = join(dir, `${def.name}.${dialect}.sql`);
        const sql = goldenSql(def.name, dialect);
        if (update || !existsSync(file)) writeFileSync(file, sql);
        expect(sql).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('feature library: golden DuckDB SQL over the xs world equals the reference', () => {
  let duck: Duck;
  const rowsByType = new Map<string, Record<string, unknown>[]>();
  beforeAll(async () => {
    duck = await openDuck();
    await duck.run("SET TimeZone = 'UTC'");
    await duck.run('CREATE SCHEMA kol_silver');
    for (const type of new Set(sets.map(typeOf))) {
      await duck.run(`CREATE TABLE kol_silver.${type} AS SELECT * FROM ${jsonlRelation(type, xs)}`);
      rowsByType.set(type, await duck.rows(`SELECT * FROM kol_silver.${type}`));
    }
  });
  afterAll(() => duck.close());

  for (const set of sets) {
    it(set.name, async () => {
      const key = set.entity.keys[0] as string;
      const rows = rowsByType.get(typeOf(set)) as Record<string, unknown>[];
      // Every entity of the source at days 3, 20, 41 and 60 of the world, plus one unknown entity.
      const ids = [...new Set(rows.map((r) => String(r[key])))].sort();
      const days = [3, 20, 41, 60].map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000));
      const spine = [...ids, 'nobody'].flatMap((id) => days.map((as_of) => ({ [key]: id, as_of })));
      await duck.run(`CREATE OR REPLACE TABLE spine ("${key}" VARCHAR, "as_of" TIMESTAMP)`);
      await duck.run(
        `INSERT INTO spine VALUES ${spine.map((r) => `('${r[key]}', TIMESTAMP '${(r.as_of as Date).toISOString().replace('T', ' ').replace('Z', '')}')`).join(', ')}`,
      );
      const actual = await duck.rows(readFileSync(join(dir, `${set.name}.duckdb.sql`), 'utf8'));
      expect(actual.length).toBe(spine.length);
      const sorted = [...spine].sort((a, b) =>
        String(a[key]) === String(b[key])
          ? (a.as_of as Date).getTime() - (b.as_of as Date).getTime()
          : String(a[key]) < String(b[key])
            ? -1
            : 1,
      );
      expect(frameDiff(set, actual, referenceFrame(set, rows, sorted)).slice(0, 10)).toEqual([]);
      // Not an all-null agreement: every output has values somewhere in the world.
      const empty = set.outputs.filter((o) => actual.every((r) => r[o.name] === null)).map((o) => o.name);
      expect(empty).toEqual([]);
    });
  }
});
