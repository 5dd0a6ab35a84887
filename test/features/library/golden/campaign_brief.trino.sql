-- feature set campaign_brief v1 (3ff7190c2da7), dialect trino
WITH spine_input AS (
    SELECT "campaign_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "campaign_id", date_diff('millisecond', from_unixtime(0), "booked_at") AS __et, "objective" AS __in_0, "budget_usd" AS __in_1, "kpi_metric" AS __in_2, "kpi_target" AS __in_3
    FROM kol_silver.campaigns
    WHERE "booked_at" IS NOT NULL
),
spine AS (
    SELECT "campaign_id", __asof
    FROM (SELECT DISTINCT "campaign_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."campaign_id", s.__asof, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3
    FROM spine AS s LEFT JOIN events AS v
    ON v."campaign_id" = s."campaign_id"
      AND v.__et <= s.__asof
),
aggregated AS (
    SELECT "campaign_id",
      __asof,
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) AS "objective_last_lifetime",
      max_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et IS NOT NULL AND __in_1 IS NOT NULL) AS "budget_last_lifetime",
      max_by(__in_2, ROW(__et, __in_2)) FILTER (WHERE __et IS NOT NULL AND __in_2 IS NOT NULL) AS "kpi_metric_last_lifetime",
      max_by(__in_3, ROW(__et, __in_3)) FILTER (WHERE __et IS NOT NULL AND __in_3 IS NOT NULL) AS "kpi_target_last_lifetime"
    FROM joined
    GROUP BY "campaign_id", __asof
)
SELECT sp."campaign_id", sp."as_of", f."objective_last_lifetime", f."budget_last_lifetime", f."kpi_metric_last_lifetime", f."kpi_target_last_lifetime"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."campaign_id" = sp."campaign_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."campaign_id", sp."as_of"
