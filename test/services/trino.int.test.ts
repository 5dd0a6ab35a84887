import { BasicAuth, type QueryData, Trino } from 'trino-client';
import { afterAll, expect, it } from 'vitest';
import { config, describeService, unique } from './int-support.ts';

describeService('trino', 'trino (trino-client over the iceberg catalog)', () => {
  const trino = Trino.create({ server: config.trino.server, catalog: config.trino.catalog, auth: new BasicAuth(config.trino.user) });
  const schema = unique('kol_smoke');

  async function rows(sql: string): Promise<QueryData[]> {
    const out: QueryData[] = [];
    for await (const result of await trino.query(sql)) {
      if (result.error) throw new Error(`${sql}: ${result.error.message}`);
      out.push(...(result.data ?? []));
    }
    return out;
  }

  afterAll(async () => {
    await rows(`DROP TABLE IF EXISTS iceberg.${schema}.posts`).catch(() => {});
    await rows(`DROP SCHEMA IF EXISTS iceberg.${schema}`).catch(() => {});
  });

  it('answers SELECT 1', async () => {
    expect(await rows('SELECT 1')).toEqual([[1]]);
  });

  it('lists the schemas of the iceberg catalog', async () => {
    expect((await rows('SHOW SCHEMAS FROM iceberg')).map((r) => r[0])).toContain('information_schema');
  });

  it('writes and reads a partitioned Iceberg table through the REST catalog and MinIO', async () => {
    await rows(`CREATE SCHEMA iceberg.${schema}`);
    await rows(
      `CREATE TABLE iceberg.${schema}.posts (creator_id varchar, likes bigint, ts timestamp(6) with time zone) WITH (partitioning = ARRAY['day(ts)'])`,
    );
    await rows(
      `INSERT INTO iceberg.${schema}.posts VALUES ('c-1', 10, TIMESTAMP '2025-01-01 10:00:00 UTC'), ('c-1', 5, TIMESTAMP '2025-01-02 10:00:00 UTC'), ('c-2', 7, TIMESTAMP '2025-01-02 11:00:00 UTC')`,
    );
    expect(await rows(`SELECT creator_id, sum(likes) FROM iceberg.${schema}.posts GROUP BY 1 ORDER BY 1`)).toEqual([
      ['c-1', 15],
      ['c-2', 7],
    ]);
    const files = await rows(`SELECT file_path FROM iceberg.${schema}."posts$files"`);
    expect(files).toHaveLength(2);
    for (const [path] of files) expect(String(path)).toMatch(new RegExp(`^${config.lake.warehouse}/${schema}/posts-`));
  });
});
