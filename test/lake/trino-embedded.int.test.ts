import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultCacheDir, type KolConfig, resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import {
  EMBEDDED_CATALOG_PORT,
  ensurePyiceberg,
  ensureServedCatalog,
  ensureTable,
  type LakeTable,
  lakeTable,
  parseTableName,
  probeCatalogPort,
  pyiceberg,
  stopServedCatalog,
  warehouseRoot,
} from '../../sdk/lake/index.ts';
import { sql } from '../../sdk/query/index.ts';
import { describeService } from '../services/int-support.ts';

const NS = 'kol_it_trino';

/** Every cell as text, rows sorted: what "read identically" compares. Instants as epoch ms, days as ISO dates. */
type Cells = string[][];
const cells = (rows: readonly Record<string, unknown>[], columns: readonly string[]): Cells =>
  rows
    .map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '∅' : String(r[c]))))
    .sort((a, b) => a.join('\u0001').localeCompare(b.join('\u0001')));

describeService('trino', "Trino's lake catalog on the embedded catalog (local profile): Trino, pyiceberg and the SDK agree", () => {
  let home: string;
  let config: KolConfig;
  let lake: DuckDBLake;
  let events: LakeTable;
  const trino = async (text: string) => (await sql(text, { engine: 'trino', config })).rows as Record<string, unknown>[];
  const duck = (text: string) => lake.runner.rows(text);

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-trino-embedded-'));
    config = resolveConfig({ profile: 'local', cwd: home, env: { KOL_HOME: join(home, '.kol') } });
    expect(config.trino.catalog).toBe('lake');
    // Trino's lake catalog reads whatever is served on the fixed port: this run needs it for its own warehouse.
    const holder = await probeCatalogPort(EMBEDDED_CATALOG_PORT, warehouseRoot(config.lake.warehouse));
    if (holder.kind !== 'free') {
      throw new Error(
        `port ${EMBEDDED_CATALOG_PORT} is taken (${holder.kind === 'this-warehouse' ? 'a catalog over this warehouse' : holder.message}): stop the kol-sdk catalog serve (or bench) holding it, then run this test again`,
      );
    }
    const served = await ensureServedCatalog(config);
    expect(served?.port).toBe(EMBEDDED_CATALOG_PORT);
    lake = await openDuckDB(config);
    await lake.runner.run("SET TimeZone = 'UTC'");

    const name = `${NS}.events`;
    await ensureTable(lake.runner, parseTableName(name), {
      columns: 'id VARCHAR, v BIGINT, ts TIMESTAMPTZ, dt DATE',
      partitionBy: 'dt, bucket(4, id)',
    });
    events = await lakeTable(lake, name);
    await events.append(
      "SELECT 'r' || lpad(i::VARCHAR, 4, '0'), i * 7, TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds(i * 3607), CAST(TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds(i * 3607) AS DATE) FROM range(400) r(i)",
    );
    await lake.runner.run(`DELETE FROM ${events.sql} WHERE v % 5 = 0`);
    await lake.runner.run(`ALTER TABLE ${events.sql} ADD COLUMN note VARCHAR`);
    await events.append(
      "SELECT 'n' || i::VARCHAR, i, TIMESTAMPTZ '2024-03-20 06:00:00+00', DATE '2024-03-20', 'noted ' || i::VARCHAR FROM range(3) r(i)",
    );
    await lake.runner.run(`ALTER TABLE ${events.sql} RENAME COLUMN v TO value`);
    // An upsert: ten existing rows change, two are new.
    await events.merge(
      "SELECT id, value + 1000000 AS value, ts, dt, 'merged' AS note FROM lake.kol_it_trino.events WHERE id BETWEEN 'r0001' AND 'r0012' UNION ALL SELECT 'm' || i::VARCHAR, i, TIMESTAMPTZ '2024-03-21 00:00:00+00', DATE '2024-03-21', 'inserted' FROM range(2) r(i)",
      ['id'],
    );
  }, 600_000);

  afterAll(async () => {
    await lake?.close();
    await stopServedCatalog();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const SDK_EVENTS = `SELECT id, value, epoch_ms(ts) AS ms, CAST(dt AS VARCHAR) AS dt, note FROM lake.${NS}.events`;
  const TRINO_EVENTS = `SELECT id, value, CAST(to_unixtime(ts) * 1000 AS bigint) AS ms, CAST(dt AS varchar) AS dt, note FROM lake.${NS}.events`;
  const EVENT_COLUMNS = ['id', 'value', 'ms', 'dt', 'note'];

  it('Trino reads what the SDK wrote (partitioned by day and bucket, a delete, added and renamed columns, a merge) identically', async () => {
    const fromSdk = cells(await duck(SDK_EVENTS), EVENT_COLUMNS);
    // 400 rows, 80 deleted, 3 appended after ADD COLUMN, 2 inserted by the merge
    expect(fromSdk.length).toBe(325);
    expect(fromSdk.filter((r) => r[4] === 'merged').length).toBe(10);
    expect(cells(await trino(TRINO_EVENTS), EVENT_COLUMNS)).toEqual(fromSdk);
    const [partitioning] = await trino(`SELECT count(*) AS n FROM lake.${NS}."events$partitions"`);
    expect(Number(partitioning?.n)).toBeGreaterThan(20);
  });

  it("Trino's $snapshots has every snapshot of the SDK's history", async () => {
    const history = await events.snapshots();
    const [row] = await trino(`SELECT count(*) AS n FROM lake.${NS}."events$snapshots"`);
    expect(Number(row?.n)).toBe(history.length);
    expect(history.length).toBeGreaterThanOrEqual(4);
  });

  it('pyiceberg reads the evolved, merged table identically', async () => {
    const python = ensurePyiceberg(defaultCacheDir(process.env));
    const served = await ensureServedCatalog(config);
    const uri = served?.uri ?? `http://127.0.0.1:${EMBEDDED_CATALOG_PORT}`;
    const py = await pyiceberg(python, { action: 'read', catalog: { uri }, table: `${NS}.events` });
    const rows = py.rows.map((r) => ({ ...r, ms: Date.parse(String(r.ts).replace(/\+00:00$/, 'Z')) }));
    expect(cells(rows, EVENT_COLUMNS)).toEqual(cells(await duck(SDK_EVENTS), EVENT_COLUMNS));
  }, 300_000);

  it('the SDK reads what Trino wrote into the embedded catalog: CREATE TABLE, INSERT, CREATE TABLE AS, DELETE, ADD COLUMN', async () => {
    await trino(
      `CREATE TABLE lake.${NS}.made (id varchar, v bigint, ts timestamp(6) with time zone) WITH (partitioning = ARRAY['day(ts)'])`,
    );
    await trino(
      `INSERT INTO lake.${NS}.made SELECT 't' || CAST(i AS varchar), CAST(i AS bigint), from_unixtime(1709251200 + i * 3600) AT TIME ZONE 'UTC' FROM UNNEST(sequence(1, 300)) AS x(i)`,
    );
    await trino(
      `CREATE TABLE lake.${NS}.copied WITH (partitioning = ARRAY['bucket(id, 4)']) AS SELECT id, v * 2 AS v2, ts FROM lake.${NS}.made WHERE v <= 100`,
    );
    await trino(`DELETE FROM lake.${NS}.made WHERE v % 3 = 0`);
    await trino(`ALTER TABLE lake.${NS}.made ADD COLUMN note varchar`);
    await trino(`INSERT INTO lake.${NS}.made VALUES ('noted', 1, TIMESTAMP '2024-03-21 00:00:00 UTC', 'hello')`);

    const columns = ['id', 'v', 'ms', 'note'];
    const made = cells(await duck(`SELECT id, v, epoch_ms(ts) AS ms, note FROM lake.${NS}.made`), columns);
    expect(made.length).toBe(201);
    expect(made).toEqual(
      cells(await trino(`SELECT id, v, CAST(to_unixtime(ts) * 1000 AS bigint) AS ms, note FROM lake.${NS}.made`), columns),
    );
    const copiedColumns = ['id', 'v2', 'ms'];
    const copied = cells(await duck(`SELECT id, v2, epoch_ms(ts) AS ms FROM lake.${NS}.copied`), copiedColumns);
    expect(copied.length).toBe(100);
    expect(copied).toEqual(
      cells(await trino(`SELECT id, v2, CAST(to_unixtime(ts) * 1000 AS bigint) AS ms FROM lake.${NS}.copied`), copiedColumns),
    );
    const [snapshots] = await trino(`SELECT count(*) AS n FROM lake.${NS}."made$snapshots"`);
    expect(Number(snapshots?.n)).toBe((await (await lakeTable(lake, `${NS}.made`)).snapshots()).length);
  }, 300_000);
});
