import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { CREATOR_DAILY_COLUMNS, KPI_30D_COLUMNS, KPI_30D_SQL, kpi30dQuery } from '../../pipelines/index.ts';
import { seeded } from '../../sdk/util/index.ts';

describe('kpi30dQuery', () => {
  it('binds the 30 days ending on the given day as (since, until]', () => {
    expect(kpi30dQuery('2024-04-29').params).toEqual(['2024-03-30', '2024-04-29']);
    expect(kpi30dQuery('2024-03-01').params).toEqual(['2024-01-31', '2024-03-01']);
    expect(kpi30dQuery('2024-03-01', 7).text).toContain('posts_7d');
  });

  it('refuses a day that is not YYYY-MM-DD and a period that is not whole days', () => {
    expect(() => kpi30dQuery('29/04/2024')).toThrow(/YYYY-MM-DD/);
    expect(() => kpi30dQuery('2024-04-29', 0)).toThrow(/whole number of days/);
  });

  it('names the gold table only through the engine-neutral placeholder and takes values as parameters', () => {
    expect(KPI_30D_SQL).toContain('{{gold.creator_daily_kpis}}');
    expect(KPI_30D_SQL.match(/\?/g)).toHaveLength(2);
  });

  it('runs on DuckDB and matches the KPIs computed row by row', async () => {
    const rng = seeded(7);
    const days = 45;
    const creators = ['cr-a', 'cr-b', 'cr-c'];
    const rows: Record<string, number | string | null>[] = [];
    for (const creator_id of creators) {
      let followers = 1000 + Math.floor(rng() * 5000);
      for (let d = 0; d < days; d++) {
        // cr-c stops posting after day 10: it falls outside the last 30 days entirely
        if (creator_id === 'cr-c' && d > 10) continue;
        const growth = Math.floor(rng() * 40) - 10;
        followers += growth;
        const posts = Math.floor(rng() * 3);
        const engagements = posts * Math.floor(rng() * 200);
        const paid = rng() < 0.3;
        rows.push({
          dt: new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
          creator_id,
          followers,
          follower_growth: growth,
          posts,
          engagements,
          engagement_rate: engagements / followers,
          impressions: paid ? Math.floor(rng() * 10_000) + 1 : null,
          spend_usd: paid ? Math.round(rng() * 500) : null,
          revenue_usd: paid ? Math.round(rng() * 1500) : null,
        });
      }
    }
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      await db.run(`CREATE TABLE gold_kpis (${CREATOR_DAILY_COLUMNS})`);
      const cols = Object.keys(rows[0] as object);
      for (const r of rows) {
        const prepared = await db.prepare(`INSERT INTO gold_kpis (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        prepared.bind(cols.map((c) => (c === 'dt' ? String(r[c]) : r[c])) as never);
        await prepared.run();
      }
      const last = '2024-02-14';
      const { text, params } = kpi30dQuery(last);
      const prepared = await db.prepare(text.replace('{{gold.creator_daily_kpis}}', 'gold_kpis'));
      prepared.bind([...params]);
      const got = (await (await prepared.run()).getRowObjectsJS()) as Record<string, unknown>[];
      expect(Object.keys(got[0] ?? {})).toEqual([...KPI_30D_COLUMNS]);

      const inWindow = rows.filter((r) => String(r.dt) > params[0] && String(r.dt) <= params[1]);
      const expected = creators
        .map((c) => inWindow.filter((r) => r.creator_id === c))
        .filter((rs) => rs.length > 0)
        .map((rs) => {
          const sum = (k: string) => rs.reduce((a, r) => a + Number(r[k] ?? 0), 0);
          const paidRows = rs.filter((r) => r.spend_usd !== null);
          const spend = paidRows.length > 0 ? sum('spend_usd') : null;
          const lastRow = rs.reduce((a, r) => (String(r.dt) > String(a.dt) ? r : a));
          return {
            creator_id: rs[0]?.creator_id,
            followers: lastRow.followers,
            follower_growth_30d: sum('follower_growth'),
            posts_30d: sum('posts'),
            engagements_30d: sum('engagements'),
            avg_engagement_rate_30d: sum('engagement_rate') / rs.length,
            spend_30d: spend,
            roas_30d: spend ? sum('revenue_usd') / spend : null,
            cpm_30d: spend ? (spend * 1000) / sum('impressions') : null,
          };
        });
      expect(got).toHaveLength(2);
      for (const e of expected) {
        const g = got.find((r) => r.creator_id === e.creator_id) as Record<string, unknown>;
        expect(Number(g.followers)).toBe(e.followers);
        expect(Number(g.follower_growth_30d)).toBe(e.follower_growth_30d);
        expect(Number(g.posts_30d)).toBe(e.posts_30d);
        expect(Number(g.engagements_30d)).toBe(e.engagements_30d);
        expect(g.avg_engagement_rate_30d as number).toBeCloseTo(e.avg_engagement_rate_30d, 12);
        expect(g.spend_30d === null ? null : Number(g.spend_30d)).toBe(e.spend_30d);
        if (e.roas_30d === null) expect(g.roas_30d).toBeNull();
        else expect(g.roas_30d as number).toBeCloseTo(e.roas_30d, 12);
        if (e.cpm_30d === null) expect(g.cpm_30d).toBeNull();
        else expect(g.cpm_30d as number).toBeCloseTo(e.cpm_30d, 12);
      }
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});
