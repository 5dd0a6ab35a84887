-- feature set creator_engagement_arrival v1 (ac5886dc5718), dialect duckdb
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", epoch_ms("observed_at") AS __et, CASE WHEN "views" IS NULL OR "views" = 0 THEN CAST(NULL AS DOUBLE) ELSE CAST("likes" AS DOUBLE) / CAST("views" AS DOUBLE) END AS __in_0
    FROM kol_silver.engagement_observations
    WHERE "observed_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d, (__asof - 2419200000) - ((((__asof - 2419200000) % 86400000) + 86400000) % 86400000) AS __lo_28d
    FROM (SELECT DISTINCT "creator_id", epoch_ms("as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_7d, s.__lo_28d, v.__et, v.__in_0
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__et > s.__lo_28d
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      count(__et) FILTER (WHERE __et > __lo_7d) AS "observations_count_7d",
      count(__et) FILTER (WHERE __et > __lo_28d) AS "observations_count_28d",
      avg(__in_0) FILTER (WHERE __et > __lo_7d) AS "lpv_mean_7d",
      avg(__in_0) FILTER (WHERE __et > __lo_28d) AS "lpv_mean_28d",
      max(__in_0) FILTER (WHERE __et > __lo_7d) AS "lpv_top_max_7d",
      max(__in_0) FILTER (WHERE __et > __lo_28d) AS "lpv_top_max_28d",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_7d) AS "lpv_sd_stddev_7d",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_28d) AS "lpv_sd_stddev_28d"
    FROM joined
    GROUP BY "creator_id", __asof
),
with_derived AS (
    SELECT *,
      CASE WHEN "lpv_mean_7d" IS NULL OR "lpv_mean_7d" = 0 THEN CAST(NULL AS DOUBLE) ELSE CAST("lpv_top_max_7d" AS DOUBLE) / CAST("lpv_mean_7d" AS DOUBLE) END AS "stepness_7d",
      CASE WHEN "lpv_mean_28d" IS NULL OR "lpv_mean_28d" = 0 THEN CAST(NULL AS DOUBLE) ELSE CAST("lpv_top_max_28d" AS DOUBLE) / CAST("lpv_mean_28d" AS DOUBLE) END AS "stepness_28d"
    FROM aggregated
)
SELECT sp."creator_id", sp."as_of", f."observations_count_7d", f."observations_count_28d", f."lpv_mean_7d", f."lpv_mean_28d", f."lpv_top_max_7d", f."lpv_top_max_28d", f."lpv_sd_stddev_7d", f."lpv_sd_stddev_28d", f."stepness_7d", f."stepness_28d"
FROM spine_input AS sp
LEFT JOIN with_derived AS f ON f."creator_id" = sp."creator_id" AND f.__asof = epoch_ms(sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
