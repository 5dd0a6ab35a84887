/**
 * `npm run bench:query`: the platform's KPI query (30 days per creator over `creator_daily_kpis`) through
 * Trino, and the same SQL text through DuckDB reading the same Iceberg table, on the development services.
 *
 * The table has the gold layout (`pipelines/gold.ts`) at the scale-`l` size (10,000 creators × 240 days =
 * 2.4 M rows) in `iceberg.kol_bench`, filled by Trino from seeded arithmetic on the creator and day
 * numbers, not by the pipelines from a generated world (building scale l through bronze/silver/gold takes
 * far longer than a benchmark run). Created once, reused while its row count matches.
 */
import { CREATOR_DAILY_COLUMNS } from '../../../pipelines/gold.ts';
import { devServicesConfig } from '../../services/index.ts';
import { closeDuckDB, type Engine, sql } from '../index.ts';

const CREATORS = 10_000;
const DAYS = 240;
const RUNS = 3;
const TARGET_S = 10;
const config = devServicesConfig();
const trino = { engine: 'trino', config } as const;

/** Seeded values per (creator c, day d): the same every run, plausible enough to aggregate. */
const VALUES: Record<string, string> = {
  dt: "date_add('day', d, DATE '2024-01-01')",
  creator_id: "'cr-' || lpad(CAST(c AS VARCHAR), 6, '0')",
  followers: 'CAST(1000 + (c * 7919) % 500000 + d * (c % 50) AS BIGINT)',
  follower_growth: 'CAST(c % 50 AS BIGINT)',
  posts: 'CAST((c + d) % 3 AS BIGINT)',
  likes: 'CAST(((c + d) % 3) * ((c * 31 + d * 17) % 500) AS BIGINT)',
  comments: 'CAST(((c + d) % 3) * ((c * 13 + d * 7) % 40) AS BIGINT)',
  shares: 'CAST(((c + d) % 3) * ((c * 5 + d * 3) % 20) AS BIGINT)',
  saves: 'CAST(((c + d) % 3) * ((c * 3 + d) % 15) AS BIGINT)',
  views: 'CAST(((c + d) % 3) * ((c * 97 + d * 89) % 9000) AS BIGINT)',
  engagements:
    'CAST(((c + d) % 3) * ((c * 31 + d * 17) % 500 + (c * 13 + d * 7) % 40 + (c * 5 + d * 3) % 20 + (c * 3 + d) % 15) AS BIGINT)',
  engagement_rate:
    'CAST(((c + d) % 3) * ((c * 31 + d * 17) % 500 + (c * 13 + d * 7) % 40 + (c * 5 + d * 3) % 20 + (c * 3 + d) % 15) AS DOUBLE) / (1000 + (c * 7919) % 500000 + d * (c % 50))',
  impressions: 'CASE WHEN (c + d) % 10 = 0 THEN CAST((c * 211 + d * 101) % 50000 AS BIGINT) END',
  spend_usd: 'CASE WHEN (c + d) % 10 = 0 THEN CAST((c * 7 + d) % 900 AS DOUBLE) END',
  revenue_usd: 'CASE WHEN (c + d) % 10 = 0 THEN CAST((c * 11 + d * 5) % 2500 AS DOUBLE) END',
  cpm: 'CAST(NULL AS DOUBLE)',
  cpe: 'CAST(NULL AS DOUBLE)',
  roas: 'CAST(NULL AS DOUBLE)',
};

/** The KPI query: the last 30 days per creator. One text for both engines; the period is a parameter. */
const kpiQuery = (table: string) => `
  SELECT creator_id,
         max_by(followers, dt) AS followers,
         sum(follower_growth) AS follower_growth_30d,
         sum(posts) AS posts_30d,
         sum(engagements) AS engagements_30d,
         avg(engagement_rate) AS avg_engagement_rate_30d,
         sum(impressions) AS impressions_30d,
         sum(spend_usd) AS spend_30d,
         sum(revenue_usd) / nullif(sum(spend_usd), 0) AS roas_30d,
         sum(spend_usd) * 1000 / nullif(sum(impressions), 0) AS cpm_30d
  FROM ${table}
  WHERE dt > CAST(? AS DATE) AND dt <= CAST(? AS DATE)
  GROUP BY creator_id`;

async function ensureTable(): Promise<void> {
  const expected = CREATORS * DAYS;
  const found = await sql(
    "SELECT count(*) AS n FROM iceberg.information_schema.tables WHERE table_schema = 'kol_bench' AND table_name = 'creator_daily_kpis'",
    trino,
  );
  if (Number(found.rows[0]?.n) > 0) {
    const n = await sql('SELECT count(*) AS n FROM iceberg.kol_bench.creator_daily_kpis', trino);
    if (Number(n.rows[0]?.n) === expected) return;
    await sql('DROP TABLE iceberg.kol_bench.creator_daily_kpis', trino);
  }
  await sql('CREATE SCHEMA IF NOT EXISTS iceberg.kol_bench', trino);
  const columns = CREATOR_DAILY_COLUMNS.split(',').map((c) => c.trim().split(' ')[0] as string);
  const select = columns.map((c) => `${VALUES[c] ?? 'NULL'} AS ${c}`).join(',\n  ');
  const started = performance.now();
  await sql(
    `CREATE TABLE iceberg.kol_bench.creator_daily_kpis WITH (partitioning = ARRAY['dt']) AS
     SELECT ${select}
     FROM UNNEST(sequence(0, ${CREATORS - 1})) AS cs(c) CROSS JOIN UNNEST(sequence(0, ${DAYS - 1})) AS ds(d)`,
    trino,
  );
  console.log(
    `created iceberg.kol_bench.creator_daily_kpis: ${expected.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function time(engine: Engine, table: string): Promise<{ seconds: number[]; rows: number }> {
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const [since, until] = [day(DAYS - 31), day(DAYS - 1)];
  const seconds: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const r = await sql(kpiQuery(table), { engine, config, params: [since, until] });
    seconds.push((performance.now() - started) / 1000);
    rows = r.rowCount;
  }
  return { seconds, rows };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

await ensureTable();
const t = await time('trino', 'iceberg.kol_bench.creator_daily_kpis');
let d: { seconds: number[]; rows: number } | undefined;
let duckNote = 'the same Iceberg table through the lake attach (DuckDB iceberg extension, REST catalog, MinIO)';
try {
  d = await time('duckdb', 'lake.kol_bench.creator_daily_kpis');
} catch (error) {
  duckNote = `not run: ${(error as Error).message.split('\n')[0]}`;
}
await closeDuckDB();

const fmt = (s: number[]) => `median ${median(s).toFixed(2)} s (runs: ${s.map((x) => x.toFixed(2)).join(', ')})`;
console.log(
  `\nKPI query, 30 days per creator over ${(CREATORS * DAYS).toLocaleString('en-US')} gold-layout rows (${CREATORS} creators × ${DAYS} days)`,
);
console.log(
  `  Trino   ${fmt(t.seconds)} → ${t.rows} creators   target < ${TARGET_S} s: ${median(t.seconds) < TARGET_S ? 'met' : 'NOT met'}`,
);
console.log(d ? `  DuckDB  ${fmt(d.seconds)} → ${d.rows} creators   (${duckNote})` : `  DuckDB  ${duckNote}`);
