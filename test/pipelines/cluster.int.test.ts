import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PipelineSummary, runPipeline } from '../../pipelines/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import { EVENT_CONTRACTS } from '../../sdk/contracts/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { listTables } from '../../sdk/lake/index.ts';
import { sql } from '../../sdk/query/index.ts';
import { config, describeService, unique } from '../services/int-support.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const GOLD = ['campaign_daily_kpis', 'creator_daily_kpis'] as const;
/** A day inside the xs world's campaigns, and one outside the backfilled range. */
const BACKFILL_DAY = '2024-01-03';
const OTHER_DAY = '2024-01-05';

/** Rows as comparable plain values; doubles to 12 significant digits (sums may be added in another order). */
const plain = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'number' ? Number(v.toPrecision(12)) : typeof v === 'bigint' ? v.toString() : v === null ? null : String(v),
      ]),
    ),
  );

describeService(
  ['trino', 'iceberg-rest', 'minio'],
  'pipelines on the cluster profile (Apache REST catalog on MinIO) build what the local profile builds',
  () => {
    // Namespaces of this run only, so that repeated runs and other tests never share a table.
    const tag = unique('kol_ci');
    const namespaces = { bronze: `${tag}_bronze`, silver: `${tag}_silver`, gold: `${tag}_gold` };
    const ours = (t: string) => Object.values(namespaces).some((ns) => t.startsWith(`${ns}.`));
    let home: string;
    let events: string;
    let cluster: DuckDBLake;
    let local: DuckDBLake;
    let first: PipelineSummary;
    const options = () => ({ stage: 'all' as const, eventsDir: events, namespaces });
    const gold = (lake: DuckDBLake, t: string, where = 'true') =>
      lake.runner.rows(`SELECT * EXCLUDE (dt), CAST(dt AS VARCHAR) AS dt FROM lake.${namespaces.gold}.${t} WHERE ${where} ORDER BY ALL`);

    beforeAll(async () => {
      home = mkdtempSync(join(tmpdir(), 'kol-cluster-pipeline-'));
      events = join(home, 'events');
      cpSync(SAMPLE, events, { recursive: true });
      cluster = await openDuckDB(config);
      local = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
      first = await runPipeline(cluster, options());
      await runPipeline(local, options());
    }, 900_000);

    afterAll(async () => {
      // The catalog may answer 500 while another writer holds its database: try each drop a few times.
      const trino = async (text: string) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await sql(text, { engine: 'trino', config });
          } catch (error) {
            if (attempt >= 5) throw error;
            await new Promise((r) => setTimeout(r, 1000 * attempt));
          }
        }
      };
      // Trino drops Iceberg tables of a REST catalog with purge: their files leave MinIO too.
      for (const t of cluster ? (await listTables(cluster).catch(() => [])).filter(ours) : [])
        await trino(`DROP TABLE IF EXISTS ${config.trino.catalog}.${t}`).catch(() => {});
      for (const ns of Object.values(namespaces)) await trino(`DROP SCHEMA IF EXISTS ${config.trino.catalog}.${ns}`).catch(() => {});
      await cluster?.close();
      await local?.close();
      if (home) rmSync(home, { recursive: true, force: true });
    }, 300_000);

    it('builds the same tables with the same row counts on both profiles', async () => {
      const names = (await listTables(cluster)).filter(ours).sort();
      const layers = [
        ...EVENT_CONTRACTS.flatMap((c) => [`${namespaces.bronze}.${c.name}`, `${namespaces.silver}.${c.name}`]),
        `${namespaces.bronze}.dead_letters`,
        ...GOLD.map((g) => `${namespaces.gold}.${g}`),
      ];
      expect(layers).toHaveLength(25);
      expect(names).toEqual(expect.arrayContaining(layers));
      expect((await listTables(local)).filter(ours).sort()).toEqual(names);
      const count = async (lake: DuckDBLake, t: string) => Number((await lake.runner.rows(`SELECT count(*) AS n FROM lake.${t}`))[0]?.n);
      const counts = async (lake: DuckDBLake) => Object.fromEntries(await Promise.all(names.map(async (t) => [t, await count(lake, t)])));
      const fromCluster = await counts(cluster);
      expect(await counts(local)).toEqual(fromCluster);
      expect(fromCluster[`${namespaces.silver}.posts`]).toBeGreaterThan(0);
      expect(first.deadLettered).toBe(0);
    }, 300_000);

    it('writes gold tables equal cell by cell on both profiles', async () => {
      for (const t of GOLD) {
        const fromCluster = plain(await gold(cluster, t));
        expect(fromCluster.length).toBeGreaterThan(0);
        expect(plain(await gold(local, t))).toEqual(fromCluster);
      }
    }, 300_000);

    it('commits nothing when run again on the cluster: the same snapshots', async () => {
      const again = await runPipeline(cluster, options());
      expect(again.tables.filter((t) => t.changed).map((t) => t.table)).toEqual([]);
      expect(again.tables.map((t) => t.snapshotId)).toEqual(first.tables.map((t) => t.snapshotId));
      expect(again.rowsOut).toBe(0);
    }, 600_000);

    it('backfills one day on the cluster: that day is rebuilt, the others are untouched', async () => {
      const table = `lake.${namespaces.gold}.creator_daily_kpis`;
      const outside = `dt <> DATE '${BACKFILL_DAY}' AND dt <> DATE '${OTHER_DAY}'`;
      const untouched = await gold(cluster, 'creator_daily_kpis', outside);
      // One day lost, another planted wrong: a backfill of the first must restore it and leave the second as it is.
      await cluster.runner.run(`DELETE FROM ${table} WHERE dt = DATE '${BACKFILL_DAY}'`);
      await cluster.runner.run(`UPDATE ${table} SET posts = -1 WHERE dt = DATE '${OTHER_DAY}'`);
      const run = await runPipeline(cluster, { ...options(), stage: 'gold', range: { from: BACKFILL_DAY, to: BACKFILL_DAY } });
      expect(run.tables.find((t) => t.table === `${namespaces.gold}.creator_daily_kpis`)?.changed).toBe(true);
      expect(run.tables.find((t) => t.table === `${namespaces.gold}.campaign_daily_kpis`)?.changed).toBe(false);
      const restored = `dt = DATE '${BACKFILL_DAY}'`;
      expect(plain(await gold(cluster, 'creator_daily_kpis', restored))).toEqual(plain(await gold(local, 'creator_daily_kpis', restored)));
      expect(plain(await gold(cluster, 'creator_daily_kpis', outside))).toEqual(plain(untouched));
      const planted = await cluster.runner.rows(`SELECT count(*) AS n FROM ${table} WHERE dt = DATE '${OTHER_DAY}' AND posts = -1`);
      expect(Number(planted[0]?.n)).toBeGreaterThan(0);
      await runPipeline(cluster, { ...options(), stage: 'gold', range: { from: OTHER_DAY, to: OTHER_DAY } });
      expect(plain(await gold(cluster, 'creator_daily_kpis'))).toEqual(plain(await gold(local, 'creator_daily_kpis')));
    }, 600_000);
  },
);
