/**
 * npm run bench:lake — one run, one table, printed side by side:
 * a 30-day time-filtered scan by the SDK (DuckDB iceberg), by pyiceberg to_arrow(), and DuckDB read_parquet
 * over the same data files (the ceiling); append throughput of the SDK and of pyiceberg; commit latency of
 * the embedded catalog and of the Apache REST catalog (cluster profile, when it answers).
 * The table is synthetic (events over 90 days) so the run does not wait for a large generated world.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, resolveConfig } from '../../config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../engines/index.ts';
import { ensurePyiceberg, ensureTable, lakeTable, parseTableName, pyiceberg } from '../index.ts';

const ROWS = Number(process.env.KOL_BENCH_ROWS ?? 2_000_000);
const COLUMNS = 'event_id VARCHAR, creator_id VARCHAR, ts TIMESTAMPTZ, likes BIGINT, views BIGINT, score DOUBLE';
const GENERATE = (n: number, offset = 0) =>
  `SELECT 'e' || (i + ${offset}), 'cr-' || (i % 5000), TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds((i * 7919) % (90 * 86400)), i % 1000, i % 100000, (i % 997) / 997.0 FROM range(${n}) r(i)`;
const WHERE = "ts >= TIMESTAMPTZ '2024-02-01 00:00:00+00' AND ts < TIMESTAMPTZ '2024-03-02 00:00:00+00'";
const seconds = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function commitLatency(lake: DuckDBLake, ns: string): Promise<number> {
  const name = parseTableName(`${ns}.commit_latency`);
  await ensureTable(lake.runner, name, { columns: 'id BIGINT' });
  const t = await lakeTable(lake, `${ns}.commit_latency`);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) times.push(await seconds(() => t.append(`SELECT ${i}`)));
  return median(times) * 1000;
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kol-bench-lake-'));
  const lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
  const python = ensurePyiceberg(defaultCacheDir(process.env));
  const out: Record<string, string>[] = [];
  try {
    await lake.runner.run("SET TimeZone = 'UTC'");
    const name = 'kol_bench.events';
    await ensureTable(lake.runner, parseTableName(name), { columns: COLUMNS, partitionBy: 'day(ts)' });
    const t = await lakeTable(lake, name);
    const append = await seconds(() => t.append(GENERATE(ROWS)));
    out.push({ what: `append ${ROWS} rows (SDK)`, value: `${Math.round(ROWS / append)} rows/s`, seconds: append.toFixed(2) });

    const catalog = { uri: lake.catalogUri as string };
    const pyRows = Array.from({ length: 50_000 }, (_, i) => ({
      event_id: `py-${i}`,
      creator_id: `cr-${i % 5000}`,
      ts: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % (90 * 86400)) * 1000).toISOString(),
      likes: i % 1000,
      views: i % 100000,
      score: (i % 997) / 997,
    }));
    const pyAppend = await pyiceberg(python, { action: 'append', catalog, table: name, rows: pyRows });
    out.push({
      what: `append ${pyRows.length} rows (pyiceberg)`,
      value: `${Math.round(pyRows.length / pyAppend.seconds)} rows/s`,
      seconds: pyAppend.seconds.toFixed(2),
    });
    // SDK's same-size append, for a like-for-like rate
    const small = await seconds(() => t.append(GENERATE(pyRows.length, ROWS)));
    out.push({
      what: `append ${pyRows.length} rows (SDK)`,
      value: `${Math.round(pyRows.length / small)} rows/s`,
      seconds: small.toFixed(2),
    });

    const [{ n } = { n: 0 }] = (await lake.runner.rows(`SELECT count(*) AS n FROM ${t.sql} WHERE ${WHERE}`)) as { n: bigint }[];
    const sdkScan = await seconds(() => lake.runner.run(`CREATE OR REPLACE TEMP TABLE s AS SELECT * FROM ${t.sql} WHERE ${WHERE}`));
    const py = await pyiceberg(python, {
      action: 'read',
      catalog,
      table: name,
      filter: "ts >= '2024-02-01T00:00:00+00:00' and ts < '2024-03-02T00:00:00+00:00'",
      countOnly: true,
    });
    const files = (await t.files()).filter((f) => f.content === 'DATA').map((f) => `'${f.path.replace(/^file:\/\//, '')}'`);
    const ceiling = await seconds(() =>
      lake.runner.run(`CREATE OR REPLACE TEMP TABLE c AS SELECT * FROM read_parquet([${files.join(', ')}]) WHERE ${WHERE}`),
    );
    out.push({
      what: `30-day scan, ${n} rows: SDK (DuckDB iceberg)`,
      value: `${(sdkScan / ceiling).toFixed(2)}× ceiling time`,
      seconds: sdkScan.toFixed(3),
    });
    out.push({
      what: `30-day scan: pyiceberg to_arrow() (${py.count} rows)`,
      value: `${(py.seconds / sdkScan).toFixed(2)}× SDK time`,
      seconds: py.seconds.toFixed(3),
    });
    out.push({ what: '30-day scan: read_parquet over the same files (ceiling)', value: '1.00×', seconds: ceiling.toFixed(3) });
    out.push({
      what: '30-day scan: Trino',
      value: 'not run: the dev Trino has a static catalog on the Apache REST catalog, not the embedded one',
      seconds: '',
    });

    out.push({
      what: 'commit latency, embedded catalog (median of 15 one-row appends)',
      value: `${(await commitLatency(lake, 'kol_bench')).toFixed(1)} ms`,
      seconds: '',
    });
    try {
      const cluster = await openDuckDB(resolveConfig({ profile: 'cluster' }));
      try {
        const ns = `kol_bench_${process.pid}`;
        out.push({
          what: 'commit latency, Apache REST catalog on MinIO (median of 15)',
          value: `${(await commitLatency(cluster, ns)).toFixed(1)} ms`,
          seconds: '',
        });
        await cluster.runner.run(`DROP TABLE IF EXISTS lake.${ns}.commit_latency`).catch(() => {});
      } finally {
        await cluster.close();
      }
    } catch (error) {
      out.push({
        what: 'commit latency, Apache REST catalog',
        value: `not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        seconds: '',
      });
    }
  } finally {
    await lake.close();
    rmSync(home, { recursive: true, force: true });
  }
  console.table(out);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
