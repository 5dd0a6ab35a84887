import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDuckDB, QueryCanceledError, QueryError, sql, streamSql, toCsv } from '../../sdk/query/index.ts';

const creators = join(import.meta.dirname, '..', '..', 'data-samples', 'xs', 'creators.jsonl');
const plain = { lake: 'none' } as const;

afterAll(async () => {
  await closeDuckDB();
});

describe('ad-hoc SQL on DuckDB', () => {
  it('binds values as typed parameters, so a quote in a value is data, not SQL', async () => {
    const evil = "x' OR '1'='1";
    const r = await sql('SELECT ? AS s, ? AS n, ? AS big, ? AS t, ? AS d', {
      ...plain,
      params: [evil, 41, 2n ** 40n, true, new Date('2025-01-02T03:04:05Z')],
    });
    expect(r.columns.map((c) => c.type)).toEqual(['VARCHAR', 'INTEGER', 'BIGINT', 'BOOLEAN', 'TIMESTAMP WITH TIME ZONE']);
    expect(r.rows).toEqual([{ s: evil, n: 41, big: 2n ** 40n, t: true, d: new Date('2025-01-02T03:04:05Z') }]);
  });

  it('reads the committed xs sample and agrees with the file', async () => {
    const r = await sql('SELECT tier, count(*) AS n FROM read_json(?) GROUP BY tier ORDER BY tier', { ...plain, params: [creators] });
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(creators, 'utf8').trim().split('\n');
    const tiers = new Map<string, number>();
    for (const line of lines) {
      const tier = (JSON.parse(line) as { tier: string }).tier;
      tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
    }
    expect(r.rows.map((row) => [row.tier, Number(row.n)])).toEqual([...tiers.entries()].sort(([a], [b]) => a.localeCompare(b)));
    expect(r.toArrow().numRows).toBe(tiers.size);
    expect(r.toArrow().schema.fields.map((f) => f.name)).toEqual(['tier', 'n']);
  });

  it('streams large results chunk by chunk with progress', async () => {
    const seen: number[] = [];
    let total = 0;
    for await (const page of streamSql('SELECT range AS i FROM range(10000)', { ...plain, onProgress: (p) => seen.push(p.rows) })) {
      total += page.rows.length;
    }
    expect(total).toBe(10000);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(10000);
  });

  it('an aborted signal cancels the query with QueryCanceledError', async () => {
    const controller = new AbortController();
    const pages = streamSql('SELECT range AS i FROM range(100000)', { ...plain, signal: controller.signal });
    let got = 0;
    const run = (async () => {
      for await (const page of pages) {
        got += page.rows.length;
        controller.abort(new Error('stop'));
      }
    })();
    await expect(run).rejects.toBeInstanceOf(QueryCanceledError);
    expect(got).toBeLessThan(100000);
  });

  it("a bad query gives DuckDB's message, error kind and position with the line quoted", async () => {
    const error = await sql('SELECT 1\nFROM no_such_table', plain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    const q = error as QueryError;
    expect(q.errorName).toBe('CATALOG_ERROR');
    expect(q.detail).toMatch(/no_such_table does not exist/);
    expect(q.position).toEqual({ line: 2, column: 6 });
    expect(q.message).toContain('  2 | FROM no_such_table\n    |      ^');
  });

  it('CSV quotes fields with separators and leaves NULL empty', async () => {
    const r = await sql(`SELECT 'a,b' AS x, NULL AS y, 'say "hi"' AS z`, plain);
    expect(toCsv(r)).toBe('x,y,z\r\n"a,b",,"say ""hi"""\r\n');
  });
});
