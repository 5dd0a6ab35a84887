-- feature set creator_campaign_history v1 (ee1c8fe214b9), dialect duckdb
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", epoch_ms("matured_at") AS __et, CASE WHEN "kpi_met" THEN 1 ELSE 0 END AS __in_0, "roas" AS __in_1
    FROM kol_silver.campaign_outcomes
    WHERE "matured_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof
    FROM (SELECT DISTINCT "creator_id", epoch_ms("as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, v.__et, v.__in_0, v.__in_1
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      count(__et) FILTER (WHERE __et IS NOT NULL) AS "past_campaigns_count_lifetime",
      avg(__in_0) FILTER (WHERE __et IS NOT NULL) AS "past_kpi_met_mean_lifetime",
      avg(__in_1) FILTER (WHERE __et IS NOT NULL) AS "past_roas_mean_lifetime"
    FROM joined
    GROUP BY "creator_id", __asof
)
SELECT sp."creator_id", sp."as_of", f."past_campaigns_count_lifetime", f."past_kpi_met_mean_lifetime", f."past_roas_mean_lifetime"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = epoch_ms(sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
