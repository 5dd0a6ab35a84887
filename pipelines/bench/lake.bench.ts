/**
 * npm run bench:lake — one run, printed side by side (the scans in 3 interleaved rounds, medians):
 * - a 30-day time-filtered scan of the same table of the scale-`l` world (silver `comments`, the largest,
 *   partitioned by day; built once by the pipelines, see `ensureBenchLake`) by the SDK (DuckDB iceberg),
 *   by pyiceberg `to_arrow()`, by Trino (its `lake` catalog on the embedded catalog served on
 *   127.0.0.1:8182; every column read through `checksum`, since Trino cannot hand 1M rows to a client as
 *   fast as it reads them), and DuckDB `read_parquet` over the same data files of the same 30 days (the
 *   ceiling: partitions pruned by hand, no catalog, no manifests);
 * - append throughput of the SDK and of pyiceberg (a synthetic table: rows made by DuckDB's range);
 * - commit latency of the embedded catalog and of the Apache REST catalog (cluster profile, when it answers).
 * Options: `-- --scale s` for a smaller world.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCacheDir, resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { ensurePyiceberg, ensureTable, lakeTable, parseTableName, pyiceberg } from '../../sdk/lake/index.ts';
import { closeDuckDB, sql } from '../../sdk/query/index.ts';
import { ensureBenchLake } from './world-lake.ts';

const ROWS = Number(process.env.KOL_BENCH_ROWS ?? 2_000_000);
const COLUMNS = 'event_id VARCHAR, creator_id VARCHAR, ts TIMESTAMPTZ, likes BIGINT, views BIGINT, score DOUBLE';
const GENERATE = (n: number, offset = 0) =>
  `SELECT 'e' || (i + ${offset}), 'cr-' || (i % 5000), TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds((i * 7919) % (90 * 86400)), i % 1000, i % 100000, (i % 997) / 997.0 FROM range(${n}) r(i)`;
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

/** The event-time column of the scanned table and the window: its last 30 days. */
const SCAN_TABLE = 'comments';
const SCAN_TIME = 'posted_at';
const ROUNDS = 3;

interface ScanRow {
  what: string;
  value: string;
  seconds: string;
}

/** Days since the epoch of a data file's day partition (`…/day_posted_at_6=19723/…` or `…/dt=2024-01-05/…`). */
function partitionDay(path: string): number | undefined {
  const m = /=(\d{4}-\d{2}-\d{2}|\d+)\//.exec(path);
  if (!m) return undefined;
  const v = m[1] as string;
  return v.includes('-') ? Date.parse(`${v}T00:00:00Z`) / 86_400_000 : Number(v);
}

/** pyiceberg's timestamptz literal: ISO-8601 with an explicit offset (it refuses `Z`). */
const pyTime = (d: Date) => d.toISOString().replace(/\.\d+Z$/, '+00:00');

/** The 30-day scan of the scale-`l` world's silver comments by each reader. */
async function scans(scale: string, seed: number): Promise<{ rows: ScanRow[]; targets: string[] }> {
  const { config } = await ensureBenchLake(scale, seed);
  const lake = await openDuckDB(config);
  const out: ScanRow[] = [];
  const targets: string[] = [];
  try {
    await lake.runner.run("SET TimeZone = 'UTC'");
    const name = `${config.lake.namespaces.silver}.${SCAN_TABLE}`;
    const t = await lakeTable(lake, name);
    const [{ last } = { last: '' }] = (await lake.runner.rows(`SELECT CAST(max(${SCAN_TIME}) AS DATE)::VARCHAR AS last FROM ${t.sql}`)) as {
      last: string;
    }[];
    const to = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000);
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const where = `${SCAN_TIME} >= TIMESTAMPTZ '${from.toISOString()}' AND ${SCAN_TIME} < TIMESTAMPTZ '${to.toISOString()}'`;
    const [{ total, n } = { total: 0n, n: 0n }] = (await lake.runner.rows(
      `SELECT count(*) AS total, count(*) FILTER (WHERE ${where}) AS n FROM ${t.sql}`,
    )) as { total: bigint; n: bigint }[];

    const dataFiles = (await t.files()).filter((f) => f.content === 'DATA');
    const [fromDay, toDay] = [from.getTime() / 86_400_000, to.getTime() / 86_400_000];
    const inWindow = dataFiles.filter((f) => {
      const d = partitionDay(f.path);
      return d === undefined || (d >= fromDay - 1 && d <= toDay);
    });
    const list = inWindow.map((f) => `'${f.path.replace(/^file:\/\//, '')}'`).join(', ');
    const python = ensurePyiceberg(defaultCacheDir(process.env));
    const columns = ((await lake.runner.rows(`DESCRIBE ${t.sql}`)) as { column_name: string }[]).map((r) => `checksum("${r.column_name}")`);
    const trinoWhere = `${SCAN_TIME} >= from_iso8601_timestamp('${from.toISOString()}') AND ${SCAN_TIME} < from_iso8601_timestamp('${to.toISOString()}')`;
    const trinoText = `SELECT count(*) AS n, ${columns.join(', ')} FROM ${config.trino.catalog}.${name} WHERE ${trinoWhere}`;
    let trinoNote: string | undefined;
    try {
      await sql('SELECT 1', { engine: 'trino', config }); // catalog served and Trino up before timing
    } catch (error) {
      trinoNote = `not run: ${(error as Error).message.split('\n')[0]}`;
    }

    // Rounds interleave the readers, so a burst of load on a shared machine hits them all alike; medians.
    const times = { sdk: [] as number[], py: [] as number[], trino: [] as number[], ceiling: [] as number[] };
    let [pyRows, trinoRows] = [0, 0];
    for (let round = 0; round < ROUNDS; round++) {
      times.sdk.push(await seconds(() => t.materialize('s', { where })));
      // The same engine setting as the SDK's materialize (a scan keeps no order), so only the reading differs.
      await lake.runner.run('SET preserve_insertion_order = false');
      times.ceiling.push(
        await seconds(() => lake.runner.run(`CREATE OR REPLACE TEMP TABLE c AS SELECT * FROM read_parquet([${list}]) WHERE ${where}`)),
      );
      await lake.runner.run('SET preserve_insertion_order = true');
      const py = await pyiceberg(python, {
        action: 'read',
        catalog: { uri: lake.catalogUri as string },
        table: name,
        filter: `${SCAN_TIME} >= '${pyTime(from)}' and ${SCAN_TIME} < '${pyTime(to)}'`,
        countOnly: true,
      });
      times.py.push(py.seconds);
      pyRows = py.count;
      if (trinoNote === undefined) {
        times.trino.push(
          await seconds(async () => {
            trinoRows = Number((await sql(trinoText, { engine: 'trino', config })).rows[0]?.n);
          }),
        );
      }
    }
    await closeDuckDB();
    const [{ c } = { c: 0n }] = (await lake.runner.rows('SELECT count(*) AS c FROM c')) as { c: bigint }[];
    const [{ m } = { m: 0n }] = (await lake.runner.rows('SELECT count(*) AS m FROM s')) as { m: bigint }[];
    if (c !== n || m !== n || BigInt(pyRows) !== n || (trinoNote === undefined && BigInt(trinoRows) !== n))
      throw new Error(
        `the readers disagree on the window: table ${n}, SDK ${m}, read_parquet ${c}, pyiceberg ${pyRows}, Trino ${trinoRows}`,
      );

    const runs = (xs: number[]) => `${median(xs).toFixed(3)} [${xs.map((x) => x.toFixed(2)).join(', ')}]`;
    const [sdkScan, pyScan, ceiling] = [median(times.sdk), median(times.py), median(times.ceiling)];
    out.push({
      what: `30-day scan of ${name} (${n} of ${total} rows, ${dataFiles.length} data files): SDK materialize (DuckDB iceberg)`,
      value: `${(ceiling / sdkScan).toFixed(2)}× the ceiling's speed`,
      seconds: runs(times.sdk),
    });
    out.push({ what: '30-day scan: pyiceberg to_arrow()', value: `${(pyScan / sdkScan).toFixed(2)}× SDK time`, seconds: runs(times.py) });
    out.push(
      trinoNote === undefined
        ? {
            what: '30-day scan: Trino (lake catalog), every column through checksum',
            value: `${(median(times.trino) / sdkScan).toFixed(2)}× SDK time`,
            seconds: runs(times.trino),
          }
        : { what: '30-day scan: Trino', value: trinoNote, seconds: '' },
    );
    out.push({
      what: `30-day scan: read_parquet over the window's ${inWindow.length} files (ceiling)`,
      value: '1.00×',
      seconds: runs(times.ceiling),
    });
    targets.push(
      `SDK faster than pyiceberg: ${sdkScan < pyScan ? 'met' : 'NOT met'} (median ${sdkScan.toFixed(3)} s vs ${pyScan.toFixed(3)} s, ${ROUNDS} rounds)`,
      `SDK at >= 0.5x the read_parquet ceiling's speed: ${ceiling / sdkScan >= 0.5 ? 'met' : 'NOT met'} (${(ceiling / sdkScan).toFixed(2)}x)`,
    );
  } finally {
    await lake.close();
  }
  return { rows: out, targets };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { scale: { type: 'string', default: 'l' }, seed: { type: 'string', default: '42' } } });
  const scan = await scans(String(args.scale), Number(args.seed));
  const out: ScanRow[] = [...scan.rows];
  const home = mkdtempSync(join(tmpdir(), 'kol-bench-lake-'));
  const lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
  const python = ensurePyiceberg(defaultCacheDir(process.env));
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
  for (const line of scan.targets) console.log(line);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
