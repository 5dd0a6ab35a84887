-- feature set creator_engagement v1 (a05cbef18a97), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", "post_id" AS __ek_0, date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "posted_at") AS __et, date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "observed_at") AS __ot, "likes" AS __in_0, CASE WHEN "followers" IS NULL OR "followers" = 0 THEN CAST(NULL AS double) ELSE CAST(("likes" + "comments") AS double) / CAST("followers" AS double) END AS __in_1, from_base(substr(lower(to_hex(md5(to_utf8("post_id")))), 1, 13), 16) AS __in_2, "followers" AS __in_3, "score" AS __in_4
    FROM kol_silver.engagement_observations
    WHERE "posted_at" IS NOT NULL AND "observed_at" IS NOT NULL
),
versions AS (
    SELECT *, CASE WHEN __ek_0 IS NULL THEN 9223372036854775807 ELSE COALESCE(lead(__ot) OVER (PARTITION BY __ek_0 ORDER BY __ot), 9223372036854775807) END AS __valid_to
    FROM events
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 3600000) - ((((__asof - 3600000) % 300000) + 300000) % 300000) AS __lo_1h, (__asof - 86400000) - ((((__asof - 86400000) % 3600000) + 3600000) % 3600000) AS __lo_1d, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_1h, s.__lo_1d, s.__lo_7d, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3, v.__in_4
    FROM spine AS s LEFT JOIN versions AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__ot <= s.__asof
      AND v.__valid_to > s.__asof
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      CAST(sum(__in_0) FILTER (WHERE __et > __lo_1h) AS bigint) AS "likes_sum_1h",
      CAST(sum(__in_0) FILTER (WHERE __et > __lo_1d) AS bigint) AS "likes_sum_1d",
      CAST(sum(__in_0) FILTER (WHERE __et > __lo_7d) AS bigint) AS "likes_sum_7d",
      CAST(sum(__in_0) FILTER (WHERE __et IS NOT NULL) AS bigint) AS "likes_sum_lifetime",
      count(__et) FILTER (WHERE __et > __lo_1h) AS "posts_count_1h",
      count(__et) FILTER (WHERE __et > __lo_1d) AS "posts_count_1d",
      count(__et) FILTER (WHERE __et > __lo_7d) AS "posts_count_7d",
      count(__et) FILTER (WHERE __et IS NOT NULL) AS "posts_count_lifetime",
      count(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_seen_count_1h",
      count(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_seen_count_1d",
      count(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_seen_count_7d",
      count(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_seen_count_lifetime",
      avg(__in_1) FILTER (WHERE __et > __lo_1h) AS "er_mean_1h",
      avg(__in_1) FILTER (WHERE __et > __lo_1d) AS "er_mean_1d",
      avg(__in_1) FILTER (WHERE __et > __lo_7d) AS "er_mean_7d",
      avg(__in_1) FILTER (WHERE __et IS NOT NULL) AS "er_mean_lifetime",
      min(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_lo_min_1h",
      min(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_lo_min_1d",
      min(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_lo_min_7d",
      min(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_lo_min_lifetime",
      max(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_hi_max_1h",
      max(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_hi_max_1d",
      max(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_hi_max_7d",
      max(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_hi_max_lifetime",
      var_samp(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_var_var_1h",
      var_samp(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_var_var_1d",
      var_samp(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_var_var_7d",
      var_samp(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_var_var_lifetime",
      var_pop(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_p_var_pop_1h",
      var_pop(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_p_var_pop_1d",
      var_pop(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_p_var_pop_7d",
      var_pop(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_p_var_pop_lifetime",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_sd_stddev_1h",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_sd_stddev_1d",
      stddev_samp(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_sd_stddev_7d",
      stddev_samp(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_sd_stddev_lifetime",
      stddev_pop(__in_0) FILTER (WHERE __et > __lo_1h) AS "likes_sdp_stddev_pop_1h",
      stddev_pop(__in_0) FILTER (WHERE __et > __lo_1d) AS "likes_sdp_stddev_pop_1d",
      stddev_pop(__in_0) FILTER (WHERE __et > __lo_7d) AS "likes_sdp_stddev_pop_7d",
      stddev_pop(__in_0) FILTER (WHERE __et IS NOT NULL) AS "likes_sdp_stddev_pop_lifetime",
      min_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_1h AND __in_0 IS NOT NULL) AS "likes_start_first_1h",
      min_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL) AS "likes_start_first_1d",
      min_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) AS "likes_start_first_7d",
      min_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) AS "likes_start_first_lifetime",
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_1h AND __in_0 IS NOT NULL) AS "likes_now_last_1h",
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL) AS "likes_now_last_1d",
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) AS "likes_now_last_7d",
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) AS "likes_now_last_lifetime",
      slice(array_agg(__in_0 ORDER BY __et DESC, __in_0 DESC) FILTER (WHERE __et > __lo_1h AND __in_0 IS NOT NULL), 1, 3) AS "recent_last3_1h",
      slice(array_agg(__in_0 ORDER BY __et DESC, __in_0 DESC) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL), 1, 3) AS "recent_last3_1d",
      slice(array_agg(__in_0 ORDER BY __et DESC, __in_0 DESC) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL), 1, 3) AS "recent_last3_7d",
      slice(array_agg(__in_0 ORDER BY __et DESC, __in_0 DESC) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL), 1, 3) AS "recent_last3_lifetime",
      CASE WHEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_1h) <= 4 THEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_1h) ELSE CAST(floor(CAST(3 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_2) FILTER (WHERE __et > __lo_1h))), 4)) AS bigint) END AS "post_ids_distinct_1h",
      CASE WHEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_1d) <= 4 THEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_1d) ELSE CAST(floor(CAST(3 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_2) FILTER (WHERE __et > __lo_1d))), 4)) AS bigint) END AS "post_ids_distinct_1d",
      CASE WHEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_7d) <= 4 THEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_7d) ELSE CAST(floor(CAST(3 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_2) FILTER (WHERE __et > __lo_7d))), 4)) AS bigint) END AS "post_ids_distinct_7d",
      CASE WHEN count(DISTINCT __in_2) FILTER (WHERE __et IS NOT NULL) <= 4 THEN count(DISTINCT __in_2) FILTER (WHERE __et IS NOT NULL) ELSE CAST(floor(CAST(3 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_2) FILTER (WHERE __et IS NOT NULL))), 4)) AS bigint) END AS "post_ids_distinct_lifetime",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_1h) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_3) FILTER (WHERE __et > __lo_1h) AS bigint) AS double), 0) AS "like_rate_ratio_1h",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_1d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_3) FILTER (WHERE __et > __lo_1d) AS bigint) AS double), 0) AS "like_rate_ratio_1d",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et > __lo_7d) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_3) FILTER (WHERE __et > __lo_7d) AS bigint) AS double), 0) AS "like_rate_ratio_7d",
      CAST(CAST(sum(__in_0) FILTER (WHERE __et IS NOT NULL) AS bigint) AS double) / NULLIF(CAST(CAST(sum(__in_3) FILTER (WHERE __et IS NOT NULL) AS bigint) AS double), 0) AS "like_rate_ratio_lifetime",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_1h) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_1h AND __in_0 IS NOT NULL), 0) AS "likes_trend_slope_1h",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_1d) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL), 0) AS "likes_trend_slope_1d",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_7d) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL), 0) AS "likes_trend_slope_7d",
      covar_pop(__in_0, (CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et IS NOT NULL) / NULLIF(var_pop((CAST(__et - __asof AS double) / 86400000)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL), 0) AS "likes_trend_slope_lifetime",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_1h AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_1h)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_1h), 0) AS "likes_z_zscore_1h",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_1d AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_1d)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_1d), 0) AS "likes_z_zscore_1d",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et > __lo_7d AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et > __lo_7d)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et > __lo_7d), 0) AS "likes_z_zscore_7d",
      (max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) - avg(__in_0) FILTER (WHERE __et IS NOT NULL)) / NULLIF(stddev_samp(__in_0) FILTER (WHERE __et IS NOT NULL), 0) AS "likes_z_zscore_lifetime",
      sum(__in_4) FILTER (WHERE __et > __lo_1h) AS "score_sum_1h",
      sum(__in_4) FILTER (WHERE __et > __lo_1d) AS "score_sum_1d",
      sum(__in_4) FILTER (WHERE __et > __lo_7d) AS "score_sum_7d",
      sum(__in_4) FILTER (WHERE __et IS NOT NULL) AS "score_sum_lifetime",
      avg(__in_4) FILTER (WHERE __et > __lo_1h) AS "score_mean_mean_1h",
      avg(__in_4) FILTER (WHERE __et > __lo_1d) AS "score_mean_mean_1d",
      avg(__in_4) FILTER (WHERE __et > __lo_7d) AS "score_mean_mean_7d",
      avg(__in_4) FILTER (WHERE __et IS NOT NULL) AS "score_mean_mean_lifetime"
    FROM joined
    GROUP BY "creator_id", __asof
),
with_derived AS (
    SELECT *,
      CASE WHEN "posts_count_1h" IS NULL OR "posts_count_1h" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_sum_1h" AS double) / CAST("posts_count_1h" AS double) END AS "likes_per_post_1h",
      CASE WHEN "posts_count_1d" IS NULL OR "posts_count_1d" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_sum_1d" AS double) / CAST("posts_count_1d" AS double) END AS "likes_per_post_1d",
      CASE WHEN "posts_count_7d" IS NULL OR "posts_count_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_sum_7d" AS double) / CAST("posts_count_7d" AS double) END AS "likes_per_post_7d",
      CASE WHEN "posts_count_lifetime" IS NULL OR "posts_count_lifetime" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_sum_lifetime" AS double) / CAST("posts_count_lifetime" AS double) END AS "likes_per_post_lifetime",
      CASE WHEN "likes_sum_7d" IS NULL OR "likes_sum_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("likes_sum_1d" AS double) / CAST("likes_sum_7d" AS double) END AS "momentum"
    FROM aggregated
)
SELECT sp."creator_id", sp."as_of", f."likes_sum_1h", f."likes_sum_1d", f."likes_sum_7d", f."likes_sum_lifetime", f."posts_count_1h", f."posts_count_1d", f."posts_count_7d", f."posts_count_lifetime", f."likes_seen_count_1h", f."likes_seen_count_1d", f."likes_seen_count_7d", f."likes_seen_count_lifetime", f."er_mean_1h", f."er_mean_1d", f."er_mean_7d", f."er_mean_lifetime", f."likes_lo_min_1h", f."likes_lo_min_1d", f."likes_lo_min_7d", f."likes_lo_min_lifetime", f."likes_hi_max_1h", f."likes_hi_max_1d", f."likes_hi_max_7d", f."likes_hi_max_lifetime", f."likes_var_var_1h", f."likes_var_var_1d", f."likes_var_var_7d", f."likes_var_var_lifetime", f."likes_p_var_pop_1h", f."likes_p_var_pop_1d", f."likes_p_var_pop_7d", f."likes_p_var_pop_lifetime", f."likes_sd_stddev_1h", f."likes_sd_stddev_1d", f."likes_sd_stddev_7d", f."likes_sd_stddev_lifetime", f."likes_sdp_stddev_pop_1h", f."likes_sdp_stddev_pop_1d", f."likes_sdp_stddev_pop_7d", f."likes_sdp_stddev_pop_lifetime", f."likes_start_first_1h", f."likes_start_first_1d", f."likes_start_first_7d", f."likes_start_first_lifetime", f."likes_now_last_1h", f."likes_now_last_1d", f."likes_now_last_7d", f."likes_now_last_lifetime", f."recent_last3_1h", f."recent_last3_1d", f."recent_last3_7d", f."recent_last3_lifetime", f."post_ids_distinct_1h", f."post_ids_distinct_1d", f."post_ids_distinct_7d", f."post_ids_distinct_lifetime", f."like_rate_ratio_1h", f."like_rate_ratio_1d", f."like_rate_ratio_7d", f."like_rate_ratio_lifetime", f."likes_trend_slope_1h", f."likes_trend_slope_1d", f."likes_trend_slope_7d", f."likes_trend_slope_lifetime", f."likes_z_zscore_1h", f."likes_z_zscore_1d", f."likes_z_zscore_7d", f."likes_z_zscore_lifetime", f."score_sum_1h", f."score_sum_1d", f."score_sum_7d", f."score_sum_lifetime", f."score_mean_mean_1h", f."score_mean_mean_1d", f."score_mean_mean_7d", f."score_mean_mean_lifetime", f."likes_per_post_1h", f."likes_per_post_1d", f."likes_per_post_7d", f."likes_per_post_lifetime", f."momentum"
FROM spine_input AS sp
LEFT JOIN with_derived AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
