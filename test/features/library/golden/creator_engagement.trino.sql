-- feature set creator_engagement v1 (7a387886f38e), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", "post_id" AS __ek_0, date_diff('millisecond', from_unixtime(0), "posted_at") AS __et, date_diff('millisecond', from_unixtime(0), "observed_at") AS __ot, "likes" AS __in_0, "comments" AS __in_1, ("likes" + "comments") AS __in_2, "views" AS __in_3, "shares" AS __in_4
    FROM kol_silver.engagement_observations
    WHERE "posted_at" IS NOT NULL AND "observed_at" IS NOT NULL
),
versions AS (
    SELECT *, CASE WHEN __ek_0 IS NULL THEN 9223372036854775807 ELSE COALESCE(lead(__ot) OVER (PARTITION BY __ek_0 ORDER BY __ot), 9223372036854775807) END AS __valid_to
    FROM events
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d, (__asof - 2419200000) - ((((__asof - 2419200000) % 86400000) + 86400000) % 86400000) AS __lo_28d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_7d, s.__lo_28d, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3, v.__in_4
    FROM spine AS s LEFT JOIN versions AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__ot <= s.__asof
      AND v.__valid_to > s.__asof
      AND v.__et > s.__lo_28d
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      count(__et) FILTER (WHERE __et > __lo_7d) AS "posts_count_7d",
      count(__et) FILTER (WHERE __et > __lo_28d) AS "posts_count_28d",
      CAST(sum(__in_0) FILTER (WHERE __et > __lo_7d) AS bigint) AS "likes_sum_7d",
      CAST(sum(__in_0) FILTER (WHERE __et > __lo_28d) AS bigint) AS "likes_sum_28d",
      CAST(sum(__in_1) FILTER (WHERE __et > __lo_7d) AS bigint) AS "comments_sum_7d",
      CAST(sum(__in_1) FILTER (WHERE __et > __lo_28d) AS bigint) AS "comments_sum_28d",
      CAST(sum(__in_2) FILTER (WHERE __et > __lo_7d) AS bigint) AS "interactions_sum_7d",
      CAST(sum(__in_2) FILTER (WHERE __et > __lo_28d) AS bigint) AS "interactions_sum_28d",
      CAST(sum(__in_3) FILTER (WHERE __et > __lo_7d) AS bigint) AS "views_sum_7d",
      CAST(sum(__in_3) FILTER (WHERE __et > __lo_28d) AS bigint) AS "views_sum_28d",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_7d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_1) FILTER (WHERE __et > __lo_7d) AS bigint) AS double), 0) AS "likes_per_comment_ratio_7d",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_28d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_1) FILTER (WHERE __et > __lo_28d) AS bigint) AS double), 0) AS "likes_per_comment_ratio_28d",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_7d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_3) FILTER (WHERE __et > __lo_7d) AS bigint) AS double), 0) AS "likes_per_view_ratio_7d",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_28d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_3) FILTER (WHERE __et > __lo_28d) AS bigint) AS double), 0) AS "likes_per_view_ratio_28d",
      CAST(CAST(sum(__in_4) FILTER (WHERE __et > __lo_7d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_7d) AS bigint) AS double), 0) AS "shares_per_like_ratio_7d",
      CAST(CAST(sum(__in_4) FILTER (WHERE __et > __lo_28d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_28d) AS bigint) AS double), 0) AS "shares_per_like_ratio_28d",
      max(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_top_max_7d",
      max(__in_0) FILTER (WHERE __et > __lo_28d) AS "likes_top_max_28d",
      avg(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_avg_mean_7d",
      avg(__in_0) FILTER (WHERE __et > __lo_28d) AS "likes_avg_mean_28d",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_sd_stddev_7d",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_28d) AS "likes_sd_stddev_28d",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_7d)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_7d), 0) AS "likes_z_zscore_7d",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_28d)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_28d), 0) AS "likes_z_zscore_28d",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_7d) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL), 0) AS "likes_trend_slope_7d",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_28d) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_28d AND __in_0 IS NOT NULL), 0) AS "likes_trend_slope_28d"
    FROM joined
    GROUP BY "creator_id", __asof
),
with_derived AS (
    SELECT *,
      CASE WHEN "likes_avg_mean_7d" IS NULL OR "likes_avg_mean_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_top_max_7d" AS double) / CAST("likes_avg_mean_7d" AS double) END AS "spikiness_7d",
      CASE WHEN "likes_avg_mean_28d" IS NULL OR "likes_avg_mean_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_top_max_28d" AS double) / CAST("likes_avg_mean_28d" AS double) END AS "spikiness_28d"
    FROM aggregated
)
SELECT sp."creator_id", sp."as_of", f."posts_count_7d", f."posts_count_28d", f."likes_sum_7d", f."likes_sum_28d", f."comments_sum_7d", f."comments_sum_28d", f."interactions_sum_7d", f."interactions_sum_28d", f."views_sum_7d", f."views_sum_28d", f."likes_per_comment_ratio_7d", f."likes_per_comment_ratio_28d", f."likes_per_view_ratio_7d", f."likes_per_view_ratio_28d", f."shares_per_like_ratio_7d", f."shares_per_like_ratio_28d", f."likes_top_max_7d", f."likes_top_max_28d", f."likes_avg_mean_7d", f."likes_avg_mean_28d", f."likes_sd_stddev_7d", f."likes_sd_stddev_28d", f."likes_z_zscore_7d", f."likes_z_zscore_28d", f."likes_trend_slope_7d", f."likes_trend_slope_28d", f."spikiness_7d", f."spikiness_28d"
FROM spine_input AS sp
LEFT JOIN with_derived AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
