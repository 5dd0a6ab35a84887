/**
 * One contender of `npm run bench:features`, in its own process so that its peak RSS is its own:
 * loads the generated event files into in-memory DuckDB tables (not timed: every contender starts from
 * loaded data), builds the spine, then times only the frame query, `runs` times.
 *
 *   tsx sdk/frame/bench/frame-worker.ts <mode> <worldDir> <runs> [outParquet]
 *
 * Modes: `sdk` (the whole trust set via compileTrainingFrame), `sdk-subset` (creator_followers only),
 * `hand` (the hand-written query of the same subset), `verify` (both, compared on every shared column),
 * `daily` (writes the trust frame at every creator × day end to Parquet: Feast's precomputed rows).
 * Prints one JSON line: { seconds: [...], rows, columns, … }.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { creatorFollowers, TRUST_FEATURES } from '../../../features/index.ts';
import type { FeatureSetDef, FeatureViewDef } from '../../features/index.ts';
import { jsonlRelation } from '../../jobs/index.ts';
import { compileTrainingFrame, featureSetsOf } from '../index.ts';

const [mode = 'sdk', dir = '', runsArg = '3', outParquet = ''] = process.argv.slice(2);
const runs = Number(runsArg);
const handSql = readFileSync(new URL('./hand-written.sql', import.meta.url), 'utf8');

/** As-of points: 12 day ends spread evenly over the world (monthly where the world spans ≥ 12 months). */
export function asOfPoints(start: string, days: number, points = 12): string[] {
  const step = Math.floor(days / points);
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: points }, (_, k) => new Date(t0 + (days - (points - 1 - k) * step) * 86_400_000).toISOString());
}

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { start: string; days: number };
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");
// The contender is pinned to one core: DuckDB gets one thread, like pandas in Feast.
await db.run(`SET threads = ${process.env.BENCH_THREADS ?? '1'}`);

const features: readonly (FeatureSetDef | FeatureViewDef)[] = mode === 'sdk' || mode === 'daily' ? TRUST_FEATURES : [creatorFollowers];
const sets = featureSetsOf(features);
const tableOf = (s: FeatureSetDef) => s.source.table.split('.').at(-1) as string;
for (const t of new Set(['creators', ...sets.map(tableOf)])) await db.run(`CREATE TABLE ${t} AS SELECT * FROM ${jsonlRelation(t, dir)}`);

const dayEnds =
  mode === 'daily'
    ? Array.from({ length: manifest.days }, (_, d) =>
        new Date(Date.parse(`${manifest.start}T00:00:00Z`) + (d + 1) * 86_400_000).toISOString(),
      )
    : asOfPoints(manifest.start, manifest.days);
await db.run(
  `CREATE TABLE spine AS SELECT c.creator_id, CAST(a.as_of AS TIMESTAMP) AS as_of
   FROM (SELECT DISTINCT creator_id FROM creators) AS c
   CROSS JOIN (SELECT unnest([${dayEnds.map((d) => `'${d.slice(0, 19)}'`).join(', ')}]) AS as_of) AS a`,
);
const tables = Object.fromEntries(sets.map((s) => [s.source.name, tableOf(s)]));
const compiled = compileTrainingFrame({ spine: { table: 'spine' }, features, tables }, 'duckdb');

async function timed(sql: string): Promise<number[]> {
  const seconds: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    await db.run(`CREATE OR REPLACE TABLE frame_out AS ${sql}`);
    seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return seconds;
}
const shape = async () => {
  const r = (await db.runAndReadAll('SELECT count(*) AS n FROM frame_out')).getRowObjectsJS()[0] as { n: bigint };
  const cols = (await db.runAndReadAll('SELECT * FROM frame_out LIMIT 0')).columnNames().length;
  return { rows: Number(r.n), columns: cols };
};

let result: Record<string, unknown>;
if (mode === 'sdk' || mode === 'sdk-subset') {
  result = { seconds: await timed(compiled.sql), ...(await shape()), features: compiled.featureColumns.length };
  // Kept for the check that Feast served the same values (written after timing).
  if (outParquet !== '') await db.run(`COPY frame_out TO '${outParquet}' (FORMAT parquet)`);
} else if (mode === 'hand') {
  result = { seconds: await timed(handSql), ...(await shape()) };
} else if (mode === 'verify') {
  await db.run(`CREATE TABLE sdk_out AS ${compiled.sql}`);
  await db.run(`CREATE TABLE hand_out AS ${handSql}`);
  const handCols = (await db.runAndReadAll('SELECT * FROM hand_out LIMIT 0'))
    .columnNames()
    .filter((c) => c !== 'creator_id' && c !== 'as_of');
  const mismatch = handCols
    .map(
      (c) =>
        `sum(CASE WHEN (s."${c}" IS NULL) <> (h."${c}" IS NULL) OR abs(s."${c}" - h."${c}") > 1e-9 * greatest(1, abs(h."${c}")) THEN 1 ELSE 0 END) AS "${c}"`,
    )
    .join(', ');
  const row = (
    await db.runAndReadAll(
      `SELECT count(*) AS compared, ${mismatch} FROM sdk_out s JOIN hand_out h ON s.creator_id = h.creator_id AND s.as_of = h.as_of`,
    )
  ).getRowObjectsJS()[0] as Record<string, bigint>;
  const bad = Object.fromEntries(Object.entries(row).filter(([k, v]) => k !== 'compared' && Number(v) > 0));
  result = { compared: Number(row.compared), columns: handCols.length, mismatches: bad };
} else if (mode === 'daily') {
  await db.run(`COPY (${compiled.sql}) TO '${outParquet}' (FORMAT parquet)`);
  // Feast's entity frame: the same 12 as-of points as the other contenders.
  const points = asOfPoints(manifest.start, manifest.days).map((d) => `'${d.slice(0, 19)}'`);
  await db.run(
    `COPY (SELECT creator_id, CAST(a.as_of AS TIMESTAMP) AS event_timestamp FROM creators CROSS JOIN (SELECT unnest([${points.join(', ')}]) AS as_of) AS a)
     TO '${outParquet.replace(/\.parquet$/, '')}-spine.parquet' (FORMAT parquet)`,
  );
  result = { written: outParquet, featureColumns: compiled.featureColumns };
} else {
  throw new Error(`unknown mode '${mode}': use sdk, sdk-subset, hand, verify or daily`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
db.closeSync();
instance.closeSync();
