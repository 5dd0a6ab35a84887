import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRange, type PipelineSummary, runPipeline } from '../../pipelines/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import { EVENT_CONTRACTS } from '../../sdk/contracts/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const jsonl = (dir: string, name: string): Record<string, unknown>[] =>
  readFileSync(join(dir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('pipelines on the local profile, from the xs sample', () => {
  let home: string;
  let events: string;
  let lake: DuckDBLake;
  let first: PipelineSummary;
  let options: Parameters<typeof runPipeline>[1];
  const count = async (sql: string): Promise<number> => Number((await lake.runner.rows(sql))[0]?.n);

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-pipeline-'));
    events = join(home, 'events');
    cpSync(SAMPLE, events, { recursive: true });
    const config = resolveConfig({ profile: 'local', cwd: home });
    lake = await openDuckDB(config);
    options = { stage: 'all', eventsDir: events, namespaces: config.lake.namespaces };
    first = await runPipeline(lake, options);
  }, 600_000);

  afterAll(async () => {
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('lands every line of every file in bronze once, with its file and line', async () => {
    for (const c of EVENT_CONTRACTS) {
      const lines = jsonl(events, c.name).length;
      const [row] = await lake.runner.rows(
        `SELECT count(*) AS n, count(DISTINCT source_line) AS lines, min(source_line) AS lo, max(source_line) AS hi, count(DISTINCT source_file) AS files FROM lake.kol_bronze.${c.name}`,
      );
      expect({
        table: c.name,
        n: Number(row?.n),
        lines: Number(row?.lines),
        lo: Number(row?.lo),
        hi: Number(row?.hi),
        files: Number(row?.files),
      }).toEqual({
        table: c.name,
        n: lines,
        lines,
        lo: 1,
        hi: lines,
        files: 1,
      });
    }
    expect(first.deadLettered).toBe(0);
  });

  it('types silver per contract: the same column names in contract order, one row per event id', async () => {
    for (const c of EVENT_CONTRACTS) {
      const cols = await lake.runner.rows(`DESCRIBE lake.kol_silver.${c.name}`);
      expect(cols.map((r) => r.column_name)).toEqual(Object.keys(c.columns));
      const ids = new Set(jsonl(events, c.name).map((r) => r.event_id));
      expect(await count(`SELECT count(*) AS n FROM lake.kol_silver.${c.name}`)).toBe(ids.size);
    }
    const [post] = jsonl(events, 'posts');
    const [row] = await lake.runner.rows('SELECT hashtags, epoch_ms(posted_at) AS ms FROM lake.kol_silver.posts WHERE event_id = ?', [
      String(post?.event_id),
    ]);
    expect(Number(row?.ms)).toBe(Date.parse(String(post?.posted_at)));
    expect((row?.hashtags as { items?: unknown[] })?.items ?? row?.hashtags).toEqual(post?.hashtags);
  });

  it('computes campaign KPIs from the day’s report and the budget spread over the campaign’s days', async () => {
    const results = jsonl(events, 'campaign_results');
    expect(await count('SELECT count(*) AS n FROM lake.kol_gold.campaign_daily_kpis')).toBe(
      new Set(results.map((r) => `${r.campaign_id}/${r.result_date}`)).size,
    );
    const r = results[results.length - 1] as Record<string, number | string>;
    const c = jsonl(events, 'campaigns').find((x) => x.campaign_id === r.campaign_id) as Record<string, number | string>;
    const days = (Date.parse(String(c.end_date)) - Date.parse(String(c.start_date))) / 86_400_000 + 1;
    const spend = Number(c.budget_usd) / days;
    const [k] = await lake.runner.rows('SELECT * FROM lake.kol_gold.campaign_daily_kpis WHERE campaign_id = ? AND dt = CAST(? AS DATE)', [
      String(r.campaign_id),
      String(r.result_date),
    ]);
    expect(k?.spend_usd).toBeCloseTo(spend, 9);
    expect(k?.cpm).toBeCloseTo((spend * 1000) / Number(r.impressions), 9);
    expect(k?.cpe).toBeCloseTo(spend / Number(r.engagements), 9);
    expect(k?.roas).toBeCloseTo(Number(r.revenue_usd) / spend, 9);
  });

  it('computes follower growth as the change since the day before', async () => {
    const snaps = jsonl(events, 'follower_snapshots').filter((s) => s.creator_id === jsonl(events, 'creators')[0]?.creator_id);
    const byDay = new Map(snaps.map((s) => [String(s.snapshot_date), Number(s.followers)]));
    const days = [...byDay.keys()].sort();
    const day = days[1] as string;
    const [k] = await lake.runner.rows(
      'SELECT followers, follower_growth FROM lake.kol_gold.creator_daily_kpis WHERE creator_id = ? AND dt = CAST(? AS DATE)',
      [String(snaps[0]?.creator_id), day],
    );
    expect(Number(k?.followers)).toBe(byDay.get(day));
    expect(Number(k?.follower_growth)).toBe((byDay.get(day) as number) - (byDay.get(days[0] as string) as number));
  });

  it('changes nothing when run again: no commit, the same snapshots', async () => {
    const again = await runPipeline(lake, options);
    expect(again.tables.filter((t) => t.changed).map((t) => t.table)).toEqual([]);
    expect(again.tables.map((t) => t.snapshotId)).toEqual(first.tables.map((t) => t.snapshotId));
    expect(again.rowsOut).toBe(0);
  }, 300_000);

  it('backfills a day range: rebuilds those days only, and the result equals a full build', async () => {
    const before = await lake.runner.rows('SELECT * FROM lake.kol_gold.creator_daily_kpis ORDER BY dt, creator_id');
    await lake.runner.run("DELETE FROM lake.kol_gold.creator_daily_kpis WHERE dt = DATE '2024-01-03'");
    await lake.runner.run("UPDATE lake.kol_gold.creator_daily_kpis SET posts = -1 WHERE dt = DATE '2024-01-05'");
    const run = await runPipeline(lake, { ...options, stage: 'gold', range: { from: '2024-01-02', to: '2024-01-03' } });
    const creator = run.tables.find((t) => t.table === 'kol_gold.creator_daily_kpis');
    expect(creator?.changed).toBe(true);
    // the day outside the range keeps the (wrong) value planted there: the backfill did not touch it
    expect(
      await count("SELECT count(*) AS n FROM lake.kol_gold.creator_daily_kpis WHERE dt = DATE '2024-01-05' AND posts = -1"),
    ).toBeGreaterThan(0);
    await runPipeline(lake, { ...options, stage: 'gold', range: { from: '2024-01-05', to: '2024-01-05' } });
    expect(await lake.runner.rows('SELECT * FROM lake.kol_gold.creator_daily_kpis ORDER BY dt, creator_id')).toEqual(before);
  }, 300_000);

  it('lands only new lines, and dead-letters a line that breaks its contract with the reason', async () => {
    const [last] = jsonl(events, 'brands').slice(-1);
    appendFileSync(join(events, 'brands.jsonl'), `${JSON.stringify({ ...last, event_id: 'br-new-1' })}\n`);
    appendFileSync(join(events, 'brands.jsonl'), `${JSON.stringify({ ...last, event_id: 'br-bad-1', registered_at: 'yesterday' })}\n`);
    const run = await runPipeline(lake, { ...options, stage: 'bronze' });
    const brands = run.tables.find((t) => t.table === 'kol_bronze.brands');
    expect({ in: brands?.rowsIn, out: brands?.rowsOut, dead: brands?.deadLettered }).toEqual({ in: 2, out: 1, dead: 1 });
    const [dl] = await lake.runner.rows(
      "SELECT reasons, original_event_id, source_line FROM lake.kol_bronze.dead_letters WHERE contract = 'brands'",
    );
    expect(dl?.original_event_id).toBe('br-bad-1');
    expect(String(JSON.stringify(dl?.reasons))).toContain('registered_at');
    await runPipeline(lake, { ...options, stage: 'silver' });
    expect(await count("SELECT count(*) AS n FROM lake.kol_silver.brands WHERE event_id IN ('br-new-1', 'br-bad-1')")).toBe(1);
    const rerun = await runPipeline(lake, { ...options, stage: 'bronze' });
    expect(rerun.rowsIn).toBe(0);
  }, 300_000);

  it('refuses a malformed day range', () => {
    expect(checkRange({ from: '2024-02-30' })).toHaveLength(1);
    expect(checkRange({ from: '2024-01-05', to: '2024-01-01' })).toEqual(['--from 2024-01-05 is after --to 2024-01-01']);
    expect(checkRange({ from: '2024-01-01', to: '2024-01-31' })).toEqual([]);
  });
});
