import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { LIBRARY } from '../../../features/index.ts';
import type { FeatureSetDef, SourceDef } from '../../../sdk/features/index.ts';
import { jsonlRelation } from '../../../sdk/jobs/index.ts';
import { fromTrino, spineRelation, trinoRows } from '../../compile/sql/trino-run.ts';
import { describeService } from '../../services/int-support.ts';
import { frameDiff } from '../compare.ts';
import { referenceFrame } from '../reference.ts';

/**
 * Every set of the KOL feature library: its golden Trino SQL, run on the development Trino over the xs
 * world's events (inline, for a few entities), equals the brute-force reference — so DuckDB (the unit
 * test) and Trino give the same frames.
 */
const SERVER = process.env.KOL_TRINO_URL ?? 'http://127.0.0.1:8080';
const xs = join(import.meta.dirname, '..', '..', '..', 'data-samples', 'xs');
const sets = Object.values(LIBRARY).filter((d): d is FeatureSetDef => d.kind === 'feature_set');
const TYPES: Record<string, string> = { string: 'varchar', int64: 'bigint', float64: 'double', bool: 'boolean' };

function literal(v: unknown, col: SourceDef['columns'][string]): string {
  if (col.type === 'timestamp') {
    if (v === null || v === undefined) return `CAST(NULL AS timestamp(6)${col.tz ? ' with time zone' : ''})`;
    const text = (v as Date).toISOString().replace('T', ' ').replace('Z', '');
    return col.tz ? `TIMESTAMP '${text} UTC'` : `TIMESTAMP '${text}'`;
  }
  if (v === null || v === undefined) return `CAST(NULL AS ${TYPES[col.type]})`;
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  return `CAST(${String(v)} AS ${TYPES[col.type]})`;
}

describeService('trino', 'feature library: golden Trino SQL equals the reference', () => {
  for (const set of sets) {
    it(set.name, async () => {
      const type = set.source.table.split('.').at(-1) as string;
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      await conn.run("SET TimeZone = 'UTC'");
      const key = set.entity.keys[0] as string;
      const all = (await conn.runAndReadAll(`SELECT * FROM ${jsonlRelation(type, xs)}`)).getRowObjectsJS() as Record<string, unknown>[];
      conn.closeSync();
      db.closeSync();
      const ids = [...new Set(all.map((r) => String(r[key])))].sort().slice(0, 4);
      const rows = all.filter((r) => ids.includes(String(r[key])));
      const cols = Object.entries(set.source.columns).filter(([, c]) => c.type in TYPES || c.type === 'timestamp');
      const values = `(VALUES ${rows.map((r) => `(${cols.map(([n, c]) => literal(r[n], c)).join(', ')})`).join(', ')}) AS src (${cols.map(([n]) => `"${n}"`).join(', ')})`;
      const days = [3, 20, 41, 60].map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000));
      const spine = ids.flatMap((id) => days.map((as_of) => ({ [key]: id, as_of })));
      const golden = readFileSync(join(import.meta.dirname, 'golden', `${set.name}.trino.sql`), 'utf8');
      const sql = golden
        .replace(`FROM ${set.source.table}\n`, `FROM ${values}\n`)
        .replace('FROM spine\n', `FROM ${spineRelation(set.entity.keys, spine)}\n`);
      const { columns, rows: out } = await trinoRows(SERVER, sql.trim());
      const actual = fromTrino(set, columns, out);
      expect(actual.length).toBe(spine.length);
      expect(frameDiff(set, actual, referenceFrame(set, rows, spine)).slice(0, 10)).toEqual([]);
    });
  }
});
