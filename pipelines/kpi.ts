/**
 * The platform's KPI query: the last 30 days of each creator from the gold `creator_daily_kpis`.
 * One SQL text for DuckDB and Trino — the table is named `{{gold.creator_daily_kpis}}` and each engine's
 * query runner substitutes its own name for it (`expandLakeNames`); the period's bounds are bound
 * parameters, never spliced in. Used by notebook 05, `npm run bench:query` and its tests, so the number
 * the benchmark reports is for the query analysts run.
 *
 * @example
 * const { text, params } = kpi30dQuery('2024-04-29');
 * await sql(text, { engine: 'trino', params }); // one row per creator active in the 30 days up to 2024-04-29
 */
export const KPI_30D_SQL = `
  SELECT creator_id,
         max_by(followers, dt) AS followers,
         sum(follower_growth) AS follower_growth_30d,
         sum(posts) AS posts_30d,
         sum(engagements) AS engagements_30d,
         avg(engagement_rate) AS avg_engagement_rate_30d,
         sum(impressions) AS impressions_30d,
         sum(spend_usd) AS spend_30d,
         sum(revenue_usd) / nullif(sum(spend_usd), 0) AS roas_30d,
         sum(spend_usd) * 1000 / nullif(sum(impressions), 0) AS cpm_30d
  FROM {{gold.creator_daily_kpis}}
  WHERE dt > CAST(? AS DATE) AND dt <= CAST(? AS DATE)
  GROUP BY creator_id`;

/** The columns {@link KPI_30D_SQL} returns, in order. */
export const KPI_30D_COLUMNS: readonly string[] = [
  'creator_id',
  'followers',
  'follower_growth_30d',
  'posts_30d',
  'engagements_30d',
  'avg_engagement_rate_30d',
  'impressions_30d',
  'spend_30d',
  'roas_30d',
  'cpm_30d',
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The KPI query for the 30 days ending on `until` (inclusive) with its parameters.
 *
 * @example
 * kpi30dQuery('2024-04-29').params; // ['2024-03-30', '2024-04-29']
 */
export function kpi30dQuery(until: string, days = 30): { readonly text: string; readonly params: readonly [string, string] } {
  if (!DAY.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) {
    throw new Error(`the KPI period ends on a day written YYYY-MM-DD, not '${until}'`);
  }
  if (!(Number.isInteger(days) && days > 0)) throw new Error(`the KPI period is a whole number of days > 0, not ${days}`);
  const since = new Date(Date.parse(`${until}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  return { text: days === 30 ? KPI_30D_SQL : KPI_30D_SQL.replaceAll('_30d', `_${days}d`), params: [since, until] };
}
