-- feature set creator_followers v1 (25cef0d3fbd9), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", date_diff('millisecond', from_unixtime(0), "captured_at") AS __et, "followers" AS __in_0, "following" AS __in_1
    FROM kol_silver.follower_snapshots
    WHERE "captured_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d, (__asof - 2419200000) - ((((__asof - 2419200000) % 86400000) + 86400000) % 86400000) AS __lo_28d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_7d, s.__lo_28d, v.__et, v.__in_0, v.__in_1
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__et > s.__lo_28d
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) AS "followers_last_7d",
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL) AS "followers_last_28d",
      min_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) AS "followers_start_first_7d",
      min_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL) AS "followers_start_first_28d",
      max(__in_0) FILTER (WHERE __et > __lo_7d) AS "followers_peak_max_7d",
      max(__in_0) FILTER (WHERE __et > __lo_28d) AS "followers_peak_max_28d",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_7d) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL), 0) AS "follower_trend_slope_7d",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_28d) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL), 0) AS "follower_trend_slope_28d",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_7d)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_7d), 0) AS "follower_z_zscore_7d",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_28d)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_28d), 0) AS "follower_z_zscore_28d",
      max_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et > __lo_7d AND __in_1 IS NOT NULL) AS "following_last_7d",
      max_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et > __lo_28d AND __in_1 IS NOT NULL) AS "following_last_28d",
      avg(__in_1) FILTER (WHERE __et > __lo_7d) AS "following_mean_mean_7d",
      avg(__in_1) FILTER (WHERE __et > __lo_28d) AS "following_mean_mean_28d",
      stddev_samp(__in_1) FILTER (WHERE __et > __lo_7d) AS "following_sd_stddev_7d",
      stddev_samp(__in_1) FILTER (WHERE __et > __lo_28d) AS "following_sd_stddev_28d"
    FROM joined
    GROUP BY "creator_id", __asof
),
with_derived AS (
    SELECT *,
      CASE WHEN "followers_start_first_7d" IS NULL OR "followers_start_first_7d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_last_7d" - "followers_start_first_7d") AS double) / CAST("followers_start_first_7d" AS double) END AS "growth_7d",
      CASE WHEN "followers_start_first_28d" IS NULL OR "followers_start_first_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_last_28d" - "followers_start_first_28d") AS double) / CAST("followers_start_first_28d" AS double) END AS "growth_28d",
      CASE WHEN "followers_peak_max_7d" IS NULL OR "followers_peak_max_7d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_peak_max_7d" - "followers_last_7d") AS double) / CAST("followers_peak_max_7d" AS double) END AS "decay_from_peak_7d",
      CASE WHEN "followers_peak_max_28d" IS NULL OR "followers_peak_max_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_peak_max_28d" - "followers_last_28d") AS double) / CAST("followers_peak_max_28d" AS double) END AS "decay_from_peak_28d",
      CASE WHEN "following_mean_mean_7d" IS NULL OR "following_mean_mean_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("following_sd_stddev_7d" AS double) / CAST("following_mean_mean_7d" AS double) END AS "following_cv_7d",
      CASE WHEN "following_mean_mean_28d" IS NULL OR "following_mean_mean_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("following_sd_stddev_28d" AS double) / CAST("following_mean_mean_28d" AS double) END AS "following_cv_28d",
      CASE WHEN "followers_last_7d" IS NULL OR "followers_last_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("following_last_7d" AS double) / CAST("followers_last_7d" AS double) END AS "following_ratio_7d",
      CASE WHEN "followers_last_28d" IS NULL OR "followers_last_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("following_last_28d" AS double) / CAST("followers_last_28d" AS double) END AS "following_ratio_28d",
      CASE WHEN CASE WHEN "followers_start_first_28d" IS NULL OR "followers_start_first_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_last_28d" - "followers_start_first_28d") AS double) / CAST("followers_start_first_28d" AS double) END IS NULL OR CASE WHEN "followers_start_first_28d" IS NULL OR "followers_start_first_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_last_28d" - "followers_start_first_28d") AS double) / CAST("followers_start_first_28d" AS double) END = 0 THEN CAST(NULL AS double) ELSE CAST(CASE WHEN "followers_start_first_7d" IS NULL OR "followers_start_first_7d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_last_7d" - "followers_start_first_7d") AS double) / CAST("followers_start_first_7d" AS double) END AS double) / CAST(CASE WHEN "followers_start_first_28d" IS NULL OR "followers_start_first_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(("followers_last_28d" - "followers_start_first_28d") AS double) / CAST("followers_start_first_28d" AS double) END AS double) END AS "growth_burst"
    FROM aggregated
)
SELECT sp."creator_id", sp."as_of", f."followers_last_7d", f."followers_last_28d", f."followers_start_first_7d", f."followers_start_first_28d", f."followers_peak_max_7d", f."followers_peak_max_28d", f."follower_trend_slope_7d", f."follower_trend_slope_28d", f."follower_z_zscore_7d", f."follower_z_zscore_28d", f."following_last_7d", f."following_last_28d", f."following_mean_mean_7d", f."following_mean_mean_28d", f."following_sd_stddev_7d", f."following_sd_stddev_28d", f."growth_7d", f."growth_28d", f."decay_from_peak_7d", f."decay_from_peak_28d", f."following_cv_7d", f."following_cv_28d", f."following_ratio_7d", f."following_ratio_28d", f."growth_burst"
FROM spine_input AS sp
LEFT JOIN with_derived AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
