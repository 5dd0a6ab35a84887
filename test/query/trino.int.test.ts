import { afterAll, expect, it } from 'vitest';
import { closeDuckDB, QueryCanceledError, QueryError, type QueryProgress, type SqlValue, sql, streamSql } from '../../sdk/query/index.ts';
import { devServicesConfig } from '../../sdk/services/context.ts';
import { describeService } from '../services/int-support.ts';

const config = devServicesConfig();
const trino = { engine: 'trino', config } as const;

/** Far more rows than any test waits for: it runs until canceled. */
const ENDLESS =
  'SELECT sum(a * b * c) AS s FROM UNNEST(sequence(1, 10000)) t(a) CROSS JOIN UNNEST(sequence(1, 10000)) u(b) CROSS JOIN UNNEST(sequence(1, 10000)) v(c)';

/** The query's final state on the server, polled until it has left the running states. */
async function serverState(queryId: string): Promise<{ state: string; error_code: string | null }> {
  for (let i = 0; i < 100; i++) {
    const r = await sql('SELECT state, error_code FROM system.runtime.queries WHERE query_id = ?', { ...trino, params: [queryId] });
    const row = r.rows[0] as { state: string; error_code: string | null } | undefined;
    if (row && !['QUEUED', 'PLANNING', 'STARTING', 'RUNNING', 'FINISHING', 'DISPATCHING', 'WAITING_FOR_RESOURCES'].includes(row.state))
      return row;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`query ${queryId} still running on the server`);
}

afterAll(async () => {
  await closeDuckDB();
});

describeService('trino', 'ad-hoc SQL on the real Trino', () => {
  it('binds parameters through EXECUTE … USING: a quote in a value stays data', async () => {
    const evil = "x' OR '1'='1";
    const r = await sql('SELECT ? AS s, ? AS n, ? AS big, ? AS d', {
      ...trino,
      params: [evil, 41, 2n ** 40n, new Date('2025-01-02T03:04:05Z')],
    });
    expect(r.rows).toEqual([{ s: evil, n: 41, big: 2n ** 40n, d: new Date('2025-01-02T03:04:05Z') }]);
    expect(r.queryId).toMatch(/^\d{8}_\d{6}_\d+_\w+$/);
  });

  it('gives the same rows as DuckDB for the same SQL text and parameters', async () => {
    const text = 'SELECT a, a * ? AS b, CAST(a AS VARCHAR) || ? AS c FROM UNNEST(?) AS t(a) ORDER BY a';
    const params: SqlValue[] = [3, '!', [1, 2, 5]];
    const [t, d] = [await sql(text, { ...trino, params }), await sql(text, { engine: 'duckdb', lake: 'none', params })];
    expect(t.rows).toEqual(d.rows);
    expect(t.rows).toEqual([
      { a: 1, b: 3, c: '1!' },
      { a: 2, b: 6, c: '2!' },
      { a: 5, b: 15, c: '5!' },
    ]);
  });

  it('streams a large result page by page with progress', async () => {
    const progress: QueryProgress[] = [];
    const r = await sql('SELECT a, b FROM UNNEST(sequence(1, 1000)) t(a) CROSS JOIN UNNEST(sequence(1, 200)) u(b)', {
      ...trino,
      onProgress: (p) => progress.push(p),
    });
    expect(r.rowCount).toBe(200_000);
    expect(r.pages).toBeGreaterThan(1);
    expect(progress.at(-1)?.rows).toBe(200_000);
    expect(progress.at(-1)?.state).toBe('FINISHED');
  });

  it('aborting cancels the query on the server (USER_CANCELED)', async () => {
    const controller = new AbortController();
    let queryId: string | undefined;
    const run = sql(ENDLESS, {
      ...trino,
      signal: controller.signal,
      onProgress: (p) => {
        queryId = p.queryId;
        if (p.state === 'RUNNING') controller.abort(new Error('enough'));
      },
    });
    await expect(run).rejects.toBeInstanceOf(QueryCanceledError);
    expect(queryId).toBeDefined();
    expect(await serverState(queryId as string)).toEqual({ state: 'FAILED', error_code: 'USER_CANCELED' });
  });

  it('SIGINT (a notebook interrupt, Ctrl-C) cancels the running query on the server', async () => {
    let queryId: string | undefined;
    const run = sql(ENDLESS, {
      ...trino,
      cancelOnSigint: true,
      onProgress: (p) => {
        if (queryId === undefined && p.state === 'RUNNING') {
          queryId = p.queryId;
          process.emit('SIGINT');
        }
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryCanceledError);
    expect((error as QueryCanceledError).queryId).toBe(queryId);
    expect(await serverState(queryId as string)).toEqual({ state: 'FAILED', error_code: 'USER_CANCELED' });
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('leaving the loop early cancels the rest on the server', async () => {
    let queryId: string | undefined;
    for await (const page of streamSql(
      'SELECT a, b FROM UNNEST(sequence(1, 10000)) t(a) CROSS JOIN UNNEST(sequence(1, 10000)) u(b)',
      trino,
    )) {
      queryId = page.queryId;
      if (page.rows.length > 0) break;
    }
    expect(await serverState(queryId as string)).toEqual({ state: 'FAILED', error_code: 'USER_CANCELED' });
  });

  it("a bad query gives Trino's message, error name and position, with the line quoted", async () => {
    const error = await sql('SELECT creator_id\nFROM iceberg.kol_gold.no_such_table', trino).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    const q = error as QueryError;
    expect(q.errorName).toMatch(/^(TABLE_NOT_FOUND|SCHEMA_NOT_FOUND)$/);
    expect(q.detail).toMatch(/does not exist/);
    expect(q.position).toEqual({ line: 2, column: 6 });
    expect(q.message).toContain('  2 | FROM iceberg.kol_gold.no_such_table\n    |      ^');
    expect(q.service).toBe('trino');
  });

  it('a syntax error in a parameterized query points into the caller’s SQL', async () => {
    const error = await sql('SELECT ?\nFROM WHERE', { ...trino, params: [1] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).errorName).toBe('SYNTAX_ERROR');
    expect((error as QueryError).position?.line).toBe(2);
  });
});
