WITH __spine AS (
SELECT * FROM spine
),
__f0 AS (
-- feature set creator_followers v1 (25cef0d3fbd9), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
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
),
__f1 AS (
-- feature set creator_engagement v1 (7a387886f38e), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
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
),
__f2 AS (
-- feature set creator_engagement_arrival v1 (ac5886dc5718), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
),
events AS (
    SELECT "creator_id", date_diff('millisecond', from_unixtime(0), "observed_at") AS __et, CASE WHEN "views" IS NULL OR "views" = 0 THEN CAST(NULL AS double) ELSE CAST("likes" AS double) / CAST("views" AS double) END AS __in_0
    FROM kol_silver.engagement_observations
    WHERE "observed_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d, (__asof - 2419200000) - ((((__asof - 2419200000) % 86400000) + 86400000) % 86400000) AS __lo_28d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
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
      CASE WHEN "lpv_mean_7d" IS NULL OR "lpv_mean_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("lpv_top_max_7d" AS double) / CAST("lpv_mean_7d" AS double) END AS "stepness_7d",
      CASE WHEN "lpv_mean_28d" IS NULL OR "lpv_mean_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("lpv_top_max_28d" AS double) / CAST("lpv_mean_28d" AS double) END AS "stepness_28d"
    FROM aggregated
)
SELECT sp."creator_id", sp."as_of", f."observations_count_7d", f."observations_count_28d", f."lpv_mean_7d", f."lpv_mean_28d", f."lpv_top_max_7d", f."lpv_top_max_28d", f."lpv_sd_stddev_7d", f."lpv_sd_stddev_28d", f."stepness_7d", f."stepness_28d"
FROM spine_input AS sp
LEFT JOIN with_derived AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
),
__f3 AS (
-- feature set creator_comments v1 (9e159b3391dd), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
),
events AS (
    SELECT "creator_id", date_diff('millisecond', from_unixtime(0), "posted_at") AS __et, from_base(substr(lower(to_hex(md5(to_utf8("author_id")))), 1, 13), 16) AS __in_0, from_base(substr(lower(to_hex(md5(to_utf8("text_hash")))), 1, 13), 16) AS __in_1, from_base(substr(lower(to_hex(md5(to_utf8("language")))), 1, 13), 16) AS __in_2, CASE WHEN "is_emoji_only" THEN 1 ELSE 0 END AS __in_3, "length" AS __in_4
    FROM kol_silver.comments
    WHERE "posted_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d, (__asof - 2419200000) - ((((__asof - 2419200000) % 86400000) + 86400000) % 86400000) AS __lo_28d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_7d, s.__lo_28d, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3, v.__in_4
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__et > s.__lo_28d
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      count(__et) FILTER (WHERE __et > __lo_7d) AS "comments_count_7d",
      count(__et) FILTER (WHERE __et > __lo_28d) AS "comments_count_28d",
      CASE WHEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_7d) <= 1024 THEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_7d) ELSE CAST(floor(CAST(1023 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_0) FILTER (WHERE __et > __lo_7d))), 1024)) AS bigint) END AS "authors_distinct_7d",
      CASE WHEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_28d) <= 1024 THEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_28d) ELSE CAST(floor(CAST(1023 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_0) FILTER (WHERE __et > __lo_28d))), 1024)) AS bigint) END AS "authors_distinct_28d",
      CASE WHEN count(DISTINCT __in_1) FILTER (WHERE __et > __lo_7d) <= 1024 THEN count(DISTINCT __in_1) FILTER (WHERE __et > __lo_7d) ELSE CAST(floor(CAST(1023 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_1) FILTER (WHERE __et > __lo_7d))), 1024)) AS bigint) END AS "texts_distinct_7d",
      CASE WHEN count(DISTINCT __in_1) FILTER (WHERE __et > __lo_28d) <= 1024 THEN count(DISTINCT __in_1) FILTER (WHERE __et > __lo_28d) ELSE CAST(floor(CAST(1023 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_1) FILTER (WHERE __et > __lo_28d))), 1024)) AS bigint) END AS "texts_distinct_28d",
      CASE WHEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_7d) <= 1024 THEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_7d) ELSE CAST(floor(CAST(1023 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_2) FILTER (WHERE __et > __lo_7d))), 1024)) AS bigint) END AS "languages_distinct_7d",
      CASE WHEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_28d) <= 1024 THEN count(DISTINCT __in_2) FILTER (WHERE __et > __lo_28d) ELSE CAST(floor(CAST(1023 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_2) FILTER (WHERE __et > __lo_28d))), 1024)) AS bigint) END AS "languages_distinct_28d",
      CAST(sum(__in_3) FILTER (WHERE __et > __lo_7d) AS bigint) AS "emoji_only_sum_7d",
      CAST(sum(__in_3) FILTER (WHERE __et > __lo_28d) AS bigint) AS "emoji_only_sum_28d",
      avg(__in_4) FILTER (WHERE __et > __lo_7d) AS "length_mean_7d",
      avg(__in_4) FILTER (WHERE __et > __lo_28d) AS "length_mean_28d"
    FROM joined
    GROUP BY "creator_id", __asof
),
with_derived AS (
    SELECT *,
      (1 - CASE WHEN "comments_count_7d" IS NULL OR "comments_count_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("texts_distinct_7d" AS double) / CAST("comments_count_7d" AS double) END) AS "duplicate_share_7d",
      (1 - CASE WHEN "comments_count_28d" IS NULL OR "comments_count_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("texts_distinct_28d" AS double) / CAST("comments_count_28d" AS double) END) AS "duplicate_share_28d",
      CASE WHEN "comments_count_7d" IS NULL OR "comments_count_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("emoji_only_sum_7d" AS double) / CAST("comments_count_7d" AS double) END AS "emoji_share_7d",
      CASE WHEN "comments_count_28d" IS NULL OR "comments_count_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("emoji_only_sum_28d" AS double) / CAST("comments_count_28d" AS double) END AS "emoji_share_28d",
      (1 - CASE WHEN "comments_count_7d" IS NULL OR "comments_count_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("authors_distinct_7d" AS double) / CAST("comments_count_7d" AS double) END) AS "author_concentration_7d",
      (1 - CASE WHEN "comments_count_28d" IS NULL OR "comments_count_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("authors_distinct_28d" AS double) / CAST("comments_count_28d" AS double) END) AS "author_concentration_28d"
    FROM aggregated
)
SELECT sp."creator_id", sp."as_of", f."comments_count_7d", f."comments_count_28d", f."authors_distinct_7d", f."authors_distinct_28d", f."texts_distinct_7d", f."texts_distinct_28d", f."languages_distinct_7d", f."languages_distinct_28d", f."emoji_only_sum_7d", f."emoji_only_sum_28d", f."length_mean_7d", f."length_mean_28d", f."duplicate_share_7d", f."duplicate_share_28d", f."emoji_share_7d", f."emoji_share_28d", f."author_concentration_7d", f."author_concentration_28d"
FROM spine_input AS sp
LEFT JOIN with_derived AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
),
__f4 AS (
-- feature set creator_audience v1 (cb4ec098ae74), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
),
events AS (
    SELECT "creator_id", date_diff('millisecond', from_unixtime(0), "sampled_at") AS __et, CASE WHEN ("following" > 1500) THEN 1 ELSE 0 END AS __in_0, CASE WHEN "has_avatar" THEN 0 ELSE 1 END AS __in_1, CASE WHEN "has_bio" THEN 0 ELSE 1 END AS __in_2, CASE WHEN ("posts" < 3) THEN 1 ELSE 0 END AS __in_3, CASE WHEN ("account_age_days" < 90) THEN 1 ELSE 0 END AS __in_4, CASE WHEN ((("following" > 1500) OR (NOT "has_avatar")) OR ("posts" < 3)) THEN 0 ELSE 1 END AS __in_5
    FROM kol_silver.audience_samples
    WHERE "sampled_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 3024000000) - ((((__asof - 3024000000) % 86400000) + 86400000) % 86400000) AS __lo_35d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_35d, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3, v.__in_4, v.__in_5
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      count(__et) FILTER (WHERE __et > __lo_35d) AS "sampled_count_35d",
      count(__et) FILTER (WHERE __et IS NOT NULL) AS "sampled_count_lifetime",
      avg(__in_0) FILTER (WHERE __et > __lo_35d) AS "mass_following_mean_35d",
      avg(__in_0) FILTER (WHERE __et IS NOT NULL) AS "mass_following_mean_lifetime",
      avg(__in_1) FILTER (WHERE __et > __lo_35d) AS "no_avatar_mean_35d",
      avg(__in_1) FILTER (WHERE __et IS NOT NULL) AS "no_avatar_mean_lifetime",
      avg(__in_2) FILTER (WHERE __et > __lo_35d) AS "no_bio_mean_35d",
      avg(__in_2) FILTER (WHERE __et IS NOT NULL) AS "no_bio_mean_lifetime",
      avg(__in_3) FILTER (WHERE __et > __lo_35d) AS "no_posts_mean_35d",
      avg(__in_3) FILTER (WHERE __et IS NOT NULL) AS "no_posts_mean_lifetime",
      avg(__in_4) FILTER (WHERE __et > __lo_35d) AS "young_mean_35d",
      avg(__in_4) FILTER (WHERE __et IS NOT NULL) AS "young_mean_lifetime",
      avg(__in_5) FILTER (WHERE __et > __lo_35d) AS "credibility_mean_35d",
      avg(__in_5) FILTER (WHERE __et IS NOT NULL) AS "credibility_mean_lifetime"
    FROM joined
    GROUP BY "creator_id", __asof
)
SELECT sp."creator_id", sp."as_of", f."sampled_count_35d", f."sampled_count_lifetime", f."mass_following_mean_35d", f."mass_following_mean_lifetime", f."no_avatar_mean_35d", f."no_avatar_mean_lifetime", f."no_bio_mean_35d", f."no_bio_mean_lifetime", f."no_posts_mean_35d", f."no_posts_mean_lifetime", f."young_mean_35d", f."young_mean_lifetime", f."credibility_mean_35d", f."credibility_mean_lifetime"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
),
__f5 AS (
-- feature set creator_profile v1 (9ffe84ff408e), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
),
events AS (
    SELECT "creator_id", date_diff('millisecond', from_unixtime(0), "registered_at") AS __et, "platform" AS __in_0, "tier" AS __in_1, "niche" AS __in_2, "country" AS __in_3, "language" AS __in_4, "price_per_post_usd" AS __in_5
    FROM kol_silver.creators
    WHERE "registered_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, v.__et, v.__in_0, v.__in_1, v.__in_2, v.__in_3, v.__in_4, v.__in_5
    FROM spine AS s LEFT JOIN events AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) AS "platform_last_lifetime",
      max_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et IS NOT NULL AND __in_1 IS NOT NULL) AS "tier_last_lifetime",
      max_by(__in_2, ROW(__et, __in_2)) FILTER (WHERE __et IS NOT NULL AND __in_2 IS NOT NULL) AS "niche_last_lifetime",
      max_by(__in_3, ROW(__et, __in_3)) FILTER (WHERE __et IS NOT NULL AND __in_3 IS NOT NULL) AS "country_last_lifetime",
      max_by(__in_4, ROW(__et, __in_4)) FILTER (WHERE __et IS NOT NULL AND __in_4 IS NOT NULL) AS "language_last_lifetime",
      max_by(__in_5, ROW(__et, __in_5)) FILTER (WHERE __et IS NOT NULL AND __in_5 IS NOT NULL) AS "price_last_lifetime"
    FROM joined
    GROUP BY "creator_id", __asof
)
SELECT sp."creator_id", sp."as_of", f."platform_last_lifetime", f."tier_last_lifetime", f."niche_last_lifetime", f."country_last_lifetime", f."language_last_lifetime", f."price_last_lifetime"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
),
__v0 AS (
SELECT s."creator_id", s."as_of" AS "as_of", f0."followers_last_7d" AS "followers_last_7d", f0."followers_last_28d" AS "followers_last_28d", f0."followers_start_first_7d" AS "followers_start_first_7d", f0."followers_start_first_28d" AS "followers_start_first_28d", f0."followers_peak_max_7d" AS "followers_peak_max_7d", f0."followers_peak_max_28d" AS "followers_peak_max_28d", f0."follower_trend_slope_7d" AS "follower_trend_slope_7d", f0."follower_trend_slope_28d" AS "follower_trend_slope_28d", f0."follower_z_zscore_7d" AS "follower_z_zscore_7d", f0."follower_z_zscore_28d" AS "follower_z_zscore_28d", f0."following_last_7d" AS "following_last_7d", f0."following_last_28d" AS "following_last_28d", f0."following_mean_mean_7d" AS "following_mean_mean_7d", f0."following_mean_mean_28d" AS "following_mean_mean_28d", f0."following_sd_stddev_7d" AS "following_sd_stddev_7d", f0."following_sd_stddev_28d" AS "following_sd_stddev_28d", f0."growth_7d" AS "growth_7d", f0."growth_28d" AS "growth_28d", f0."decay_from_peak_7d" AS "decay_from_peak_7d", f0."decay_from_peak_28d" AS "decay_from_peak_28d", f0."following_cv_7d" AS "following_cv_7d", f0."following_cv_28d" AS "following_cv_28d", f0."following_ratio_7d" AS "following_ratio_7d", f0."following_ratio_28d" AS "following_ratio_28d", f0."growth_burst" AS "growth_burst", f1."posts_count_7d" AS "posts_count_7d", f1."posts_count_28d" AS "posts_count_28d", f1."likes_sum_7d" AS "likes_sum_7d", f1."likes_sum_28d" AS "likes_sum_28d", f1."comments_sum_7d" AS "comments_sum_7d", f1."comments_sum_28d" AS "comments_sum_28d", f1."interactions_sum_7d" AS "interactions_sum_7d", f1."interactions_sum_28d" AS "interactions_sum_28d", f1."views_sum_7d" AS "views_sum_7d", f1."views_sum_28d" AS "views_sum_28d", f1."likes_per_comment_ratio_7d" AS "likes_per_comment_ratio_7d", f1."likes_per_comment_ratio_28d" AS "likes_per_comment_ratio_28d", f1."likes_per_view_ratio_7d" AS "likes_per_view_ratio_7d", f1."likes_per_view_ratio_28d" AS "likes_per_view_ratio_28d", f1."shares_per_like_ratio_7d" AS "shares_per_like_ratio_7d", f1."shares_per_like_ratio_28d" AS "shares_per_like_ratio_28d", f1."likes_top_max_7d" AS "likes_top_max_7d", f1."likes_top_max_28d" AS "likes_top_max_28d", f1."likes_avg_mean_7d" AS "likes_avg_mean_7d", f1."likes_avg_mean_28d" AS "likes_avg_mean_28d", f1."likes_sd_stddev_7d" AS "likes_sd_stddev_7d", f1."likes_sd_stddev_28d" AS "likes_sd_stddev_28d", f1."likes_z_zscore_7d" AS "likes_z_zscore_7d", f1."likes_z_zscore_28d" AS "likes_z_zscore_28d", f1."likes_trend_slope_7d" AS "likes_trend_slope_7d", f1."likes_trend_slope_28d" AS "likes_trend_slope_28d", f1."spikiness_7d" AS "spikiness_7d", f1."spikiness_28d" AS "spikiness_28d", f2."observations_count_7d" AS "observations_count_7d", f2."observations_count_28d" AS "observations_count_28d", f2."lpv_mean_7d" AS "lpv_mean_7d", f2."lpv_mean_28d" AS "lpv_mean_28d", f2."lpv_top_max_7d" AS "lpv_top_max_7d", f2."lpv_top_max_28d" AS "lpv_top_max_28d", f2."lpv_sd_stddev_7d" AS "lpv_sd_stddev_7d", f2."lpv_sd_stddev_28d" AS "lpv_sd_stddev_28d", f2."stepness_7d" AS "stepness_7d", f2."stepness_28d" AS "stepness_28d", f3."comments_count_7d" AS "comments_count_7d", f3."comments_count_28d" AS "comments_count_28d", f3."authors_distinct_7d" AS "authors_distinct_7d", f3."authors_distinct_28d" AS "authors_distinct_28d", f3."texts_distinct_7d" AS "texts_distinct_7d", f3."texts_distinct_28d" AS "texts_distinct_28d", f3."languages_distinct_7d" AS "languages_distinct_7d", f3."languages_distinct_28d" AS "languages_distinct_28d", f3."emoji_only_sum_7d" AS "emoji_only_sum_7d", f3."emoji_only_sum_28d" AS "emoji_only_sum_28d", f3."length_mean_7d" AS "length_mean_7d", f3."length_mean_28d" AS "length_mean_28d", f3."duplicate_share_7d" AS "duplicate_share_7d", f3."duplicate_share_28d" AS "duplicate_share_28d", f3."emoji_share_7d" AS "emoji_share_7d", f3."emoji_share_28d" AS "emoji_share_28d", f3."author_concentration_7d" AS "author_concentration_7d", f3."author_concentration_28d" AS "author_concentration_28d", f4."sampled_count_35d" AS "sampled_count_35d", f4."sampled_count_lifetime" AS "sampled_count_lifetime", f4."mass_following_mean_35d" AS "mass_following_mean_35d", f4."mass_following_mean_lifetime" AS "mass_following_mean_lifetime", f4."no_avatar_mean_35d" AS "no_avatar_mean_35d", f4."no_avatar_mean_lifetime" AS "no_avatar_mean_lifetime", f4."no_bio_mean_35d" AS "no_bio_mean_35d", f4."no_bio_mean_lifetime" AS "no_bio_mean_lifetime", f4."no_posts_mean_35d" AS "no_posts_mean_35d", f4."no_posts_mean_lifetime" AS "no_posts_mean_lifetime", f4."young_mean_35d" AS "young_mean_35d", f4."young_mean_lifetime" AS "young_mean_lifetime", f4."credibility_mean_35d" AS "credibility_mean_35d", f4."credibility_mean_lifetime" AS "credibility_mean_lifetime", f5."platform_last_lifetime" AS "platform_last_lifetime", f5."tier_last_lifetime" AS "tier_last_lifetime", f5."niche_last_lifetime" AS "niche_last_lifetime", f5."country_last_lifetime" AS "country_last_lifetime", f5."language_last_lifetime" AS "language_last_lifetime", f5."price_last_lifetime" AS "price_last_lifetime"
FROM __spine AS s
LEFT JOIN __f0 AS f0 ON f0."creator_id" = s."creator_id" AND f0."as_of" = s."as_of"
LEFT JOIN __f1 AS f1 ON f1."creator_id" = s."creator_id" AND f1."as_of" = s."as_of"
LEFT JOIN __f2 AS f2 ON f2."creator_id" = s."creator_id" AND f2."as_of" = s."as_of"
LEFT JOIN __f3 AS f3 ON f3."creator_id" = s."creator_id" AND f3."as_of" = s."as_of"
LEFT JOIN __f4 AS f4 ON f4."creator_id" = s."creator_id" AND f4."as_of" = s."as_of"
LEFT JOIN __f5 AS f5 ON f5."creator_id" = s."creator_id" AND f5."as_of" = s."as_of"
),
__v1 AS (
SELECT *, CASE WHEN "followers_last_7d" IS NULL OR "followers_last_7d" = 0 THEN CAST(NULL AS double) ELSE CAST(CASE WHEN "posts_count_7d" IS NULL OR "posts_count_7d" = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_7d" AS double) / CAST("posts_count_7d" AS double) END AS double) / CAST("followers_last_7d" AS double) END AS "er_7d",
  CASE WHEN "followers_last_28d" IS NULL OR "followers_last_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(CASE WHEN "posts_count_28d" IS NULL OR "posts_count_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_28d" AS double) / CAST("posts_count_28d" AS double) END AS double) / CAST("followers_last_28d" AS double) END AS "er_28d"
FROM __v0
),
__v2 AS (
SELECT *, CASE WHEN "er_28d" IS NOT NULL THEN cume_dist() OVER (PARTITION BY "as_of", ("er_28d" IS NULL), "platform_last_lifetime", "tier_last_lifetime" ORDER BY "er_28d") END AS "er_pct_28d",
  CASE WHEN "er_28d" IS NOT NULL THEN ("er_28d" - avg("er_28d") OVER (PARTITION BY "as_of", ("er_28d" IS NULL), "platform_last_lifetime", "tier_last_lifetime")) / NULLIF(stddev_samp("er_28d") OVER (PARTITION BY "as_of", ("er_28d" IS NULL), "platform_last_lifetime", "tier_last_lifetime"), 0) END AS "er_cz_28d",
  CASE WHEN "likes_per_comment_ratio_28d" IS NOT NULL THEN ("likes_per_comment_ratio_28d" - avg("likes_per_comment_ratio_28d") OVER (PARTITION BY "as_of", ("likes_per_comment_ratio_28d" IS NULL), "platform_last_lifetime", "tier_last_lifetime")) / NULLIF(stddev_samp("likes_per_comment_ratio_28d") OVER (PARTITION BY "as_of", ("likes_per_comment_ratio_28d" IS NULL), "platform_last_lifetime", "tier_last_lifetime"), 0) END AS "lpc_cz_28d"
FROM __v1
)
SELECT "creator_id", "as_of", "followers_last_7d", "followers_last_28d", "followers_start_first_7d", "followers_start_first_28d", "followers_peak_max_7d", "followers_peak_max_28d", "follower_trend_slope_7d", "follower_trend_slope_28d", "follower_z_zscore_7d", "follower_z_zscore_28d", "following_last_7d", "following_last_28d", "following_mean_mean_7d", "following_mean_mean_28d", "following_sd_stddev_7d", "following_sd_stddev_28d", "growth_7d", "growth_28d", "decay_from_peak_7d", "decay_from_peak_28d", "following_cv_7d", "following_cv_28d", "following_ratio_7d", "following_ratio_28d", "growth_burst", "posts_count_7d", "posts_count_28d", "likes_sum_7d", "likes_sum_28d", "comments_sum_7d", "comments_sum_28d", "interactions_sum_7d", "interactions_sum_28d", "views_sum_7d", "views_sum_28d", "likes_per_comment_ratio_7d", "likes_per_comment_ratio_28d", "likes_per_view_ratio_7d", "likes_per_view_ratio_28d", "shares_per_like_ratio_7d", "shares_per_like_ratio_28d", "likes_top_max_7d", "likes_top_max_28d", "likes_avg_mean_7d", "likes_avg_mean_28d", "likes_sd_stddev_7d", "likes_sd_stddev_28d", "likes_z_zscore_7d", "likes_z_zscore_28d", "likes_trend_slope_7d", "likes_trend_slope_28d", "spikiness_7d", "spikiness_28d", "observations_count_7d", "observations_count_28d", "lpv_mean_7d", "lpv_mean_28d", "lpv_top_max_7d", "lpv_top_max_28d", "lpv_sd_stddev_7d", "lpv_sd_stddev_28d", "stepness_7d", "stepness_28d", "comments_count_7d", "comments_count_28d", "authors_distinct_7d", "authors_distinct_28d", "texts_distinct_7d", "texts_distinct_28d", "languages_distinct_7d", "languages_distinct_28d", "emoji_only_sum_7d", "emoji_only_sum_28d", "length_mean_7d", "length_mean_28d", "duplicate_share_7d", "duplicate_share_28d", "emoji_share_7d", "emoji_share_28d", "author_concentration_7d", "author_concentration_28d", "sampled_count_35d", "sampled_count_lifetime", "mass_following_mean_35d", "mass_following_mean_lifetime", "no_avatar_mean_35d", "no_avatar_mean_lifetime", "no_bio_mean_35d", "no_bio_mean_lifetime", "no_posts_mean_35d", "no_posts_mean_lifetime", "young_mean_35d", "young_mean_lifetime", "credibility_mean_35d", "credibility_mean_lifetime", "platform_last_lifetime", "tier_last_lifetime", "niche_last_lifetime", "country_last_lifetime", "language_last_lifetime", "price_last_lifetime", "er_7d", "er_28d", "er_pct_28d", "er_cz_28d", "lpc_cz_28d"
FROM __v2
ORDER BY "creator_id", "as_of"
