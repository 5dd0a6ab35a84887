import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { config, describeService } from './int-support.ts';

describeService('postgres', 'postgres (pg on kol_metadata)', () => {
  const client = new pg.Client({ connectionString: config.postgres.url });

  beforeAll(async () => {
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it('answers select 1 on kol_metadata, and kol_mlflow exists beside it', async () => {
    const { rows } = await client.query<{ one: number; db: string }>('select 1 as one, current_database() as db');
    expect(rows).toEqual([{ one: 1, db: 'kol_metadata' }]);
    const dbs = await client.query<{ datname: string }>("select datname from pg_database where datname like 'kol\\_%' order by 1");
    expect(dbs.rows.map((r) => r.datname)).toEqual(['kol_metadata', 'kol_mlflow']);
  });
});
