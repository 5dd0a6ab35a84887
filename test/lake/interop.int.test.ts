import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCacheDir, resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { ensurePyiceberg, ensureTable, lakeTable, parseTableName, pyiceberg } from '../../sdk/lake/index.ts';
import { sql } from '../../sdk/query/index.ts';
import { devServicesConfig } from '../../sdk/services/context.ts';
import { describeService } from '../services/int-support.ts';

const CHILD = join(import.meta.dirname, 'appender-child.ts');
const python = ensurePyiceberg(defaultCacheDir(process.env));
const run = `${process.pid}_${Date.now()}`;

/** The rows both engines must agree on: id, value, the instant in ms, the day. */
const SDK_ROWS = (table: string) => `SELECT id, v, epoch_ms(ts) AS ms, CAST(dt AS VARCHAR) AS dt FROM ${table} ORDER BY id`;
const plain = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ id: String(r.id), v: Number(r.v), ms: Number(r.ms), dt: String(r.dt) })).sort((a, b) => a.id.localeCompare(b.id));
const fromPy = (rows: Record<string, unknown>[]) =>
  plain(rows.map((r) => ({ ...r, ms: Date.parse(String(r.ts).replace(/\+00:00$/, 'Z')), dt: r.dt })));

async function write(lake: DuckDBLake, name: string): Promise<void> {
  await ensureTable(lake.runner, parseTableName(name), {
    columns: 'id VARCHAR, v BIGINT, ts TIMESTAMPTZ, dt DATE',
    partitionBy: 'dt, bucket(4, id)',
  });
  const t = await lakeTable(lake, name);
  await t.append(
    "SELECT 'r' || lpad(i::VARCHAR, 4, '0'), i * 7, TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds(i * 3607), CAST(TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds(i * 3607) AS DATE) FROM range(500) r(i)",
  );
  await lake.runner.run(`DELETE FROM ${t.sql} WHERE v % 5 = 0`);
}

describe('the embedded catalog: pyiceberg and a second writer', () => {
  let home: string;
  let lake: DuckDBLake;
  const name = 'kol_it.events';

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-interop-'));
    lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
    await lake.runner.run("SET TimeZone = 'UTC'");
    await write(lake, name);
  }, 300_000);

  afterAll(async () => {
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('pyiceberg reads what the SDK wrote (partitioned, with position deletes) identically', async () => {
    const py = await pyiceberg(python, { action: 'read', catalog: { uri: lake.catalogUri as string }, table: name });
    expect(py.count).toBe(400);
    expect(fromPy(py.rows)).toEqual(plain(await lake.runner.rows(SDK_ROWS('lake.kol_it.events'))));
  });

  it('the SDK reads what pyiceberg appended', async () => {
    const rows = [0, 1, 2].map((i) => ({ id: `py-${i}`, v: 1000 + i, ts: `2024-03-0${i + 2}T10:00:00.000Z`, dt: `2024-03-0${i + 2}` }));
    await pyiceberg(python, { action: 'append', catalog: { uri: lake.catalogUri as string }, table: name, rows });
    const got = await lake.runner.rows(`${SDK_ROWS('lake.kol_it.events').replace(' ORDER BY', " WHERE id LIKE 'py-%' ORDER BY")}`);
    expect(plain(got)).toEqual(plain(rows.map((r) => ({ ...r, ms: Date.parse(r.ts) }))));
  });

  it('two processes appending at the same moment both land', async () => {
    await ensureTable(lake.runner, parseTableName('kol_it.concurrent'), { columns: 'id VARCHAR, v BIGINT' });
    const child = (tag: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', CHILD, home, 'kol_it.concurrent', tag, '5'], { stdio: 'inherit' });
        p.on('close', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([child('a'), child('b')])).toEqual([0, 0]);
    const [r] = await lake.runner.rows('SELECT count(*) AS n, count(DISTINCT id) AS ids FROM lake.kol_it.concurrent');
    expect({ n: Number(r?.n), ids: Number(r?.ids) }).toEqual({ n: 1000, ids: 1000 });
    expect((await (await lakeTable(lake, 'kol_it.concurrent')).snapshots()).length).toBe(10);
  }, 300_000);
});

describeService(
  ['trino', 'iceberg-rest', 'minio'],
  'the cluster profile (Apache REST catalog on MinIO): Trino, pyiceberg and the SDK agree',
  () => {
    const config = devServicesConfig();
    const ns = `kol_it_${run}`;
    let lake: DuckDBLake;
    const trino = (text: string) => sql(text, { engine: 'trino', config });
    const cat = `${config.trino.catalog}.${ns}`;

    beforeAll(async () => {
      lake = await openDuckDB(config);
      await lake.runner.run("SET TimeZone = 'UTC'");
      await write(lake, `${ns}.sdk_events`);
    }, 300_000);

    afterAll(async () => {
      for (const t of ['sdk_events', 'trino_events']) await trino(`DROP TABLE IF EXISTS ${cat}.${t}`).catch(() => {});
      await trino(`DROP SCHEMA IF EXISTS ${cat}`).catch(() => {});
      await lake?.close();
    });

    it('Trino and pyiceberg read what the SDK wrote identically', async () => {
      const sdkRows = plain(await lake.runner.rows(SDK_ROWS(`lake.${ns}.sdk_events`)));
      const t = await trino(`SELECT id, v, to_unixtime(ts) * 1000 AS ms, CAST(dt AS varchar) AS dt FROM ${cat}.sdk_events ORDER BY id`);
      expect(plain(t.rows as Record<string, unknown>[])).toEqual(sdkRows);
      const s3 = config.s3;
      const py = await pyiceberg(python, {
        action: 'read',
        catalog: {
          uri: config.lake.catalogUri,
          s3: {
            endpoint: s3.endpoint as string,
            accessKeyId: s3.accessKeyId as string,
            secretAccessKey: s3.secretAccessKey as string,
            region: s3.region,
          },
        },
        table: `${ns}.sdk_events`,
      });
      expect(fromPy(py.rows)).toEqual(sdkRows);
    }, 300_000);

    it('the SDK reads what Trino wrote: CREATE TABLE AS, INSERT, DELETE, ADD COLUMN', async () => {
      await trino(
        `CREATE TABLE ${cat}.trino_events WITH (partitioning = ARRAY['day(ts)']) AS SELECT 't' || CAST(i AS varchar) AS id, CAST(i AS bigint) AS v, from_unixtime(1709251200 + i * 3600) AT TIME ZONE 'UTC' AS ts FROM UNNEST(sequence(1, 300)) AS x(i)`,
      );
      await trino(`INSERT INTO ${cat}.trino_events VALUES ('extra', 9999, TIMESTAMP '2024-03-20 12:00:00 UTC')`);
      await trino(`DELETE FROM ${cat}.trino_events WHERE v % 3 = 0`);
      await trino(`ALTER TABLE ${cat}.trino_events ADD COLUMN note varchar`);
      await trino(`INSERT INTO ${cat}.trino_events VALUES ('noted', 1, TIMESTAMP '2024-03-21 00:00:00 UTC', 'hello')`);
      const fromTrino = (
        await trino(`SELECT id, v, to_unixtime(ts) * 1000 AS ms, coalesce(note, '') AS note FROM ${cat}.trino_events ORDER BY id`)
      ).rows as Record<string, unknown>[];
      const fromSdk = await lake.runner.rows(
        `SELECT id, v, epoch_ms(ts) AS ms, coalesce(note, '') AS note FROM lake.${ns}.trino_events ORDER BY id`,
      );
      const norm = (rows: Record<string, unknown>[]) =>
        rows.map((r) => ({ id: String(r.id), v: Number(r.v), ms: Number(r.ms), note: String(r.note) }));
      expect(norm(fromSdk)).toEqual(norm(fromTrino));
      // 300 rows, a third deleted (9999 among them), one more added after the new column
      expect(fromSdk.length).toBe(201);
    }, 300_000);
  },
);
