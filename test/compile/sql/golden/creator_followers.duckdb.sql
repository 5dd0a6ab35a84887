-- feature set creator_followers v1 (0d0a3504769e), dialect duckdb
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", epoch_ms("captured_at") AS __et, "followers" AS __in_0, "platform" AS __in_1, (CAST("following" AS DOUBLE) * CAST(0.5 AS DOUBLE)) AS __in_2, CASE WHEN ("following" > 1500) THEN 1 ELSE NULL END AS __in_3
    FROM kol_silver.follower_snapshots
    WHERE "captured_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 86400000) - ((((__asof - 86400000) % 3600000) + 3600000) % 3600000) AS __lo_1d, (__asof - 2419200000) - ((((__asof - 2419200000) % 86400000) + 86400000) % 86400000) AS __lo_28d
    FROM (SELECT DISTINCT "creator_id", epoch_ms("as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_1d, s.__lo_28d, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__et > s.__lo_28d
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      arg_max(__in_0, (__et, __in_0)) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL) AS "followers_last_1d",
      arg_max(__in_0, (__et, __in_0)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL) AS "followers_last_28d",
      covar_pop(__in_0, (CAST(__et - __asof AS DOUBLE) / 86400000)) FILTER (WHERE __et > __lo_1d) / NULLIF(var_pop((CAST(__et - __asof AS DOUBLE) / 86400000)) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL), 0) AS "follower_trend_slope_1d",
      covar_pop(__in_0, (CAST(__et - __asof AS DOUBLE) / 86400000)) FILTER (WHERE __et > __lo_28d) / NULLIF(var_pop((CAST(__et - __asof AS DOUBLE) / 86400000)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL), 0) AS "follower_trend_slope_28d",
      count(__et) FILTER (WHERE __et > __lo_1d) AS "snapshots_count_1d",
      count(__et) FILTER (WHERE __et > __lo_28d) AS "snapshots_count_28d",
      arg_max(__in_1, (__et, __in_1)) FILTER (WHERE __et > __lo_1d AND __in_1 IS NOT NULL) AS "platform_last_1d",
      arg_max(__in_1, (__et, __in_1)) FILTER (WHERE __et > __lo_28d AND __in_1 IS NOT NULL) AS "platform_last_28d",
      max(__in_2) FILTER (WHERE __et > __lo_1d) AS "following_hi_max_1d",
      max(__in_2) FILTER (WHERE __et > __lo_28d) AS "following_hi_max_28d",
      count(__in_3) FILTER (WHERE __et > __lo_1d) AS "mass_following_count_1d",
      count(__in_3) FILTER (WHERE __et > __lo_28d) AS "mass_following_count_28d"
    FROM joined
    GROUP BY "creator_id", __asof
)
SELECT sp."creator_id", sp."as_of", f."followers_last_1d", f."followers_last_28d", f."follower_trend_slope_1d", f."follower_trend_slope_28d", f."snapshots_count_1d", f."snapshots_count_28d", f."platform_last_1d", f."platform_last_28d", f."following_hi_max_1d", f."following_hi_max_28d", f."mass_following_count_1d", f."mass_following_count_28d"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = epoch_ms(sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
