import type { DuckDBLake } from '../sdk/engines/index.ts';
import { currentSnapshotId, ensureTable, replaceWhere } from '../sdk/lake/index.ts';
import { dayPredicate, lakeTable, withDayBefore } from './sql.ts';
import type { DayRange, TableRun } from './types.ts';

/** Gold tables are partitioned by day and by a hash of the creator, so one creator's history is a few files. */
export const GOLD_PARTITIONING = 'dt, bucket(16, creator_id)';

export const CAMPAIGN_DAILY_COLUMNS =
  'dt DATE, campaign_id VARCHAR, brand_id VARCHAR, creator_id VARCHAR, impressions BIGINT, engagements BIGINT, clicks BIGINT, conversions BIGINT, revenue_usd DOUBLE, spend_usd DOUBLE, engagement_rate DOUBLE, cpm DOUBLE, cpe DOUBLE, roas DOUBLE';

export const CREATOR_DAILY_COLUMNS =
  'dt DATE, creator_id VARCHAR, followers BIGINT, follower_growth BIGINT, posts BIGINT, likes BIGINT, comments BIGINT, shares BIGINT, saves BIGINT, views BIGINT, engagements BIGINT, engagement_rate DOUBLE, impressions BIGINT, spend_usd DOUBLE, revenue_usd DOUBLE, cpm DOUBLE, cpe DOUBLE, roas DOUBLE';

/**
 * One row per campaign and result day: the latest report of the day, spend as the budget spread evenly
 * over the campaign's days, CPM = spend per 1000 impressions, CPE = spend per engagement, ROAS = revenue
 * per unit of spend, engagement rate = engagements per impression.
 */
export function campaignDailyQuery(silver: string, range: DayRange): string {
  return `WITH r AS (
      SELECT * FROM ${lakeTable(silver, 'campaign_results')} WHERE ${dayPredicate('result_date', range)}
      QUALIFY row_number() OVER (PARTITION BY campaign_id, result_date ORDER BY reported_at DESC, event_id DESC) = 1
    ), c AS (
      SELECT * FROM ${lakeTable(silver, 'campaigns')}
      QUALIFY row_number() OVER (PARTITION BY campaign_id ORDER BY booked_at DESC, event_id DESC) = 1
    ), k AS (
      SELECT r.result_date AS dt, r.campaign_id, c.brand_id, r.creator_id, r.impressions, r.engagements, r.clicks, r.conversions,
             r.revenue_usd, c.budget_usd / (date_diff('day', c.start_date, c.end_date) + 1) AS spend_usd
      FROM r LEFT JOIN c USING (campaign_id)
    )
    SELECT dt, campaign_id, brand_id, creator_id, impressions, engagements, clicks, conversions, revenue_usd, spend_usd,
           engagements / nullif(impressions, 0) AS engagement_rate, spend_usd * 1000 / nullif(impressions, 0) AS cpm,
           spend_usd / nullif(engagements, 0) AS cpe, revenue_usd / nullif(spend_usd, 0) AS roas
    FROM k ORDER BY dt, creator_id, campaign_id`;
}

/**
 * One row per creator and day: followers at the day's last snapshot and their change since the day
 * before; posts published that day with their latest engagement counters; engagement rate = those
 * engagements (likes + comments + shares + saves) per follower; campaign delivery of the day summed over
 * the creator's campaigns, with CPM, CPE and ROAS over those sums.
 */
export function creatorDailyQuery(silver: string, range: DayRange): string {
  const wide = withDayBefore(range);
  return `WITH f AS (
      SELECT creator_id, snapshot_date AS dt, followers FROM ${lakeTable(silver, 'follower_snapshots')}
      WHERE ${dayPredicate('snapshot_date', wide)}
      QUALIFY row_number() OVER (PARTITION BY creator_id, snapshot_date ORDER BY captured_at DESC, event_id DESC) = 1
    ), g AS (
      SELECT creator_id, dt, followers, followers - lag(followers) OVER (PARTITION BY creator_id ORDER BY dt) AS follower_growth FROM f
    ), p AS (
      SELECT creator_id, CAST(posted_at AS DATE) AS dt, likes, comments, shares, saves, views FROM ${lakeTable(silver, 'engagement_observations')}
      WHERE ${dayPredicate('CAST(posted_at AS DATE)', range)}
      QUALIFY row_number() OVER (PARTITION BY post_id ORDER BY observed_at DESC, event_id DESC) = 1
    ), e AS (
      SELECT creator_id, dt, count(*) AS posts, sum(likes) AS likes, sum(comments) AS comments, sum(shares) AS shares, sum(saves) AS saves,
             sum(views) AS views, sum(likes + comments + shares + saves) AS engagements
      FROM p GROUP BY creator_id, dt
    ), c AS (
      SELECT creator_id, dt, sum(impressions) AS impressions, sum(engagements) AS campaign_engagements, sum(spend_usd) AS spend_usd, sum(revenue_usd) AS revenue_usd
      FROM (${campaignDailyQuery(silver, range)}) GROUP BY creator_id, dt
    ), keys AS (
      SELECT creator_id, dt FROM g WHERE ${dayPredicate('dt', range)} UNION SELECT creator_id, dt FROM e UNION SELECT creator_id, dt FROM c
    )
    SELECT k.dt, k.creator_id, g.followers, g.follower_growth, coalesce(e.posts, 0) AS posts, e.likes, e.comments, e.shares, e.saves, e.views,
           e.engagements, e.engagements / nullif(g.followers, 0) AS engagement_rate, c.impressions, c.spend_usd, c.revenue_usd,
           c.spend_usd * 1000 / nullif(c.impressions, 0) AS cpm, c.spend_usd / nullif(c.campaign_engagements, 0) AS cpe,
           c.revenue_usd / nullif(c.spend_usd, 0) AS roas
    FROM keys k LEFT JOIN g USING (creator_id, dt) LEFT JOIN e USING (creator_id, dt) LEFT JOIN c USING (creator_id, dt)
    ORDER BY k.dt, k.creator_id`;
}

/** The gold tables, each with its columns and query. */
export const GOLD_TABLES = Object.freeze([
  { name: 'creator_daily_kpis', columns: CREATOR_DAILY_COLUMNS, query: creatorDailyQuery },
  { name: 'campaign_daily_kpis', columns: CAMPAIGN_DAILY_COLUMNS, query: campaignDailyQuery },
] as const);

/** Rebuilds one gold table for the range's days, in one commit, or leaves it when it already holds that. */
export async function buildGold(
  lake: DuckDBLake,
  table: (typeof GOLD_TABLES)[number],
  namespaces: { silver: string; gold: string },
  range: DayRange,
): Promise<TableRun> {
  const started = performance.now();
  const t = { namespace: namespaces.gold, name: table.name };
  await ensureTable(lake.runner, t, { columns: table.columns, partitionBy: GOLD_PARTITIONING });
  const r = await replaceWhere(lake.runner, t, dayPredicate('dt', range), table.query(namespaces.silver, range));
  return {
    layer: 'gold',
    table: `${t.namespace}.${t.name}`,
    rowsIn: r.rows,
    rowsOut: r.changed ? r.rows : 0,
    deadLettered: 0,
    changed: r.changed,
    snapshotId: await currentSnapshotId(lake.runner, t),
    seconds: (performance.now() - started) / 1000,
  };
}
