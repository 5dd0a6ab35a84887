WITH __spine AS (
SELECT * FROM spine
),
__f0 AS (
-- feature set campaign_brief v1 (3ff7190c2da7), dialect trino
WITH spine_input AS (
    SELECT "campaign_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "campaign_id", "as_of" AS "as_of" FROM __spine) AS spine_query
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
),
__f1 AS (
-- feature set brand_profile v1 (5779a293167d), dialect trino
WITH spine_input AS (
    SELECT "brand_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "brand_id", "as_of" AS "as_of" FROM __spine) AS spine_query
),
events AS (
    SELECT "brand_id", date_diff('millisecond', from_unixtime(0), "registered_at") AS __et, "category" AS __in_0, "country" AS __in_1, "language" AS __in_2
    FROM kol_silver.brands
    WHERE "registered_at" IS NOT NULL
),
spine AS (
    SELECT "brand_id", __asof
    FROM (SELECT DISTINCT "brand_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."brand_id", s.__asof, v.__et, v.__in_0, v.__in_1, v.__in_2
    FROM spine AS s LEFT JOIN events AS v
    ON v."brand_id" = s."brand_id"
      AND v.__et <= s.__asof
),
aggregated AS (
    SELECT "brand_id",
      __asof,
      max_by(__in_0, ROW(__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) AS "category_last_lifetime",
      max_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et IS NOT NULL AND __in_1 IS NOT NULL) AS "brand_country_last_lifetime",
      max_by(__in_2, ROW(__et, __in_2)) FILTER (WHERE __et IS NOT NULL AND __in_2 IS NOT NULL) AS "brand_language_last_lifetime"
    FROM joined
    GROUP BY "brand_id", __asof
)
SELECT sp."brand_id", sp."as_of", f."category_last_lifetime", f."brand_country_last_lifetime", f."brand_language_last_lifetime"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."brand_id" = sp."brand_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."brand_id", sp."as_of"
),
__f2 AS (
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
__f3 AS (
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
__f4 AS (
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
__f5 AS (
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
__f6 AS (
-- feature set creator_campaign_history v1 (ee1c8fe214b9), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM (SELECT DISTINCT "creator_id", "as_of" AS "as_of" FROM __spine) AS spine_query
),
events AS (
    SELECT "creator_id", date_diff('millisecond', from_unixtime(0), "matured_at") AS __et, CASE WHEN "kpi_met" THEN 1 ELSE 0 END AS __in_0, "roas" AS __in_1
    FROM kol_silver.campaign_outcomes
    WHERE "matured_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
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
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
),
__v0 AS (
SELECT s."campaign_id", s."brand_id", s."creator_id", s."as_of" AS "as_of", f0."objective_last_lifetime" AS "objective_last_lifetime", f0."budget_last_lifetime" AS "budget_last_lifetime", f0."kpi_metric_last_lifetime" AS "kpi_metric_last_lifetime", f0."kpi_target_last_lifetime" AS "kpi_target_last_lifetime", f1."category_last_lifetime" AS "category_last_lifetime", f1."brand_country_last_lifetime" AS "brand_country_last_lifetime", f1."brand_language_last_lifetime" AS "brand_language_last_lifetime", f2."platform_last_lifetime" AS "platform_last_lifetime", f2."tier_last_lifetime" AS "tier_last_lifetime", f2."niche_last_lifetime" AS "niche_last_lifetime", f2."country_last_lifetime" AS "country_last_lifetime", f2."language_last_lifetime" AS "language_last_lifetime", f2."price_last_lifetime" AS "price_last_lifetime", f3."followers_last_7d" AS "followers_last_7d", f3."followers_last_28d" AS "followers_last_28d", f3."followers_start_first_7d" AS "followers_start_first_7d", f3."followers_start_first_28d" AS "followers_start_first_28d", f3."followers_peak_max_7d" AS "followers_peak_max_7d", f3."followers_peak_max_28d" AS "followers_peak_max_28d", f3."follower_trend_slope_7d" AS "follower_trend_slope_7d", f3."follower_trend_slope_28d" AS "follower_trend_slope_28d", f3."follower_z_zscore_7d" AS "follower_z_zscore_7d", f3."follower_z_zscore_28d" AS "follower_z_zscore_28d", f3."following_last_7d" AS "following_last_7d", f3."following_last_28d" AS "following_last_28d", f3."following_mean_mean_7d" AS "following_mean_mean_7d", f3."following_mean_mean_28d" AS "following_mean_mean_28d", f3."following_sd_stddev_7d" AS "following_sd_stddev_7d", f3."following_sd_stddev_28d" AS "following_sd_stddev_28d", f3."growth_7d" AS "growth_7d", f3."growth_28d" AS "growth_28d", f3."decay_from_peak_7d" AS "decay_from_peak_7d", f3."decay_from_peak_28d" AS "decay_from_peak_28d", f3."following_cv_7d" AS "following_cv_7d", f3."following_cv_28d" AS "following_cv_28d", f3."following_ratio_7d" AS "following_ratio_7d", f3."following_ratio_28d" AS "following_ratio_28d", f3."growth_burst" AS "growth_burst", f4."posts_count_7d" AS "posts_count_7d", f4."posts_count_28d" AS "posts_count_28d", f4."likes_sum_7d" AS "likes_sum_7d", f4."likes_sum_28d" AS "likes_sum_28d", f4."comments_sum_7d" AS "comments_sum_7d", f4."comments_sum_28d" AS "comments_sum_28d", f4."interactions_sum_7d" AS "interactions_sum_7d", f4."interactions_sum_28d" AS "interactions_sum_28d", f4."views_sum_7d" AS "views_sum_7d", f4."views_sum_28d" AS "views_sum_28d", f4."likes_per_comment_ratio_7d" AS "likes_per_comment_ratio_7d", f4."likes_per_comment_ratio_28d" AS "likes_per_comment_ratio_28d", f4."likes_per_view_ratio_7d" AS "likes_per_view_ratio_7d", f4."likes_per_view_ratio_28d" AS "likes_per_view_ratio_28d", f4."shares_per_like_ratio_7d" AS "shares_per_like_ratio_7d", f4."shares_per_like_ratio_28d" AS "shares_per_like_ratio_28d", f4."likes_top_max_7d" AS "likes_top_max_7d", f4."likes_top_max_28d" AS "likes_top_max_28d", f4."likes_avg_mean_7d" AS "likes_avg_mean_7d", f4."likes_avg_mean_28d" AS "likes_avg_mean_28d", f4."likes_sd_stddev_7d" AS "likes_sd_stddev_7d", f4."likes_sd_stddev_28d" AS "likes_sd_stddev_28d", f4."likes_z_zscore_7d" AS "likes_z_zscore_7d", f4."likes_z_zscore_28d" AS "likes_z_zscore_28d", f4."likes_trend_slope_7d" AS "likes_trend_slope_7d", f4."likes_trend_slope_28d" AS "likes_trend_slope_28d", f4."spikiness_7d" AS "spikiness_7d", f4."spikiness_28d" AS "spikiness_28d", f5."sampled_count_35d" AS "sampled_count_35d", f5."sampled_count_lifetime" AS "sampled_count_lifetime", f5."mass_following_mean_35d" AS "mass_following_mean_35d", f5."mass_following_mean_lifetime" AS "mass_following_mean_lifetime", f5."no_avatar_mean_35d" AS "no_avatar_mean_35d", f5."no_avatar_mean_lifetime" AS "no_avatar_mean_lifetime", f5."no_bio_mean_35d" AS "no_bio_mean_35d", f5."no_bio_mean_lifetime" AS "no_bio_mean_lifetime", f5."no_posts_mean_35d" AS "no_posts_mean_35d", f5."no_posts_mean_lifetime" AS "no_posts_mean_lifetime", f5."young_mean_35d" AS "young_mean_35d", f5."young_mean_lifetime" AS "young_mean_lifetime", f5."credibility_mean_35d" AS "credibility_mean_35d", f5."credibility_mean_lifetime" AS "credibility_mean_lifetime", f6."past_campaigns_count_lifetime" AS "past_campaigns_count_lifetime", f6."past_kpi_met_mean_lifetime" AS "past_kpi_met_mean_lifetime", f6."past_roas_mean_lifetime" AS "past_roas_mean_lifetime"
FROM __spine AS s
LEFT JOIN __f0 AS f0 ON f0."campaign_id" = s."campaign_id" AND f0."as_of" = s."as_of"
LEFT JOIN __f1 AS f1 ON f1."brand_id" = s."brand_id" AND f1."as_of" = s."as_of"
LEFT JOIN __f2 AS f2 ON f2."creator_id" = s."creator_id" AND f2."as_of" = s."as_of"
LEFT JOIN __f3 AS f3 ON f3."creator_id" = s."creator_id" AND f3."as_of" = s."as_of"
LEFT JOIN __f4 AS f4 ON f4."creator_id" = s."creator_id" AND f4."as_of" = s."as_of"
LEFT JOIN __f5 AS f5 ON f5."creator_id" = s."creator_id" AND f5."as_of" = s."as_of"
LEFT JOIN __f6 AS f6 ON f6."creator_id" = s."creator_id" AND f6."as_of" = s."as_of"
),
__v1 AS (
SELECT *, CASE WHEN ("niche_last_lifetime" = "category_last_lifetime") THEN 1 ELSE 0 END AS "niche_match",
  CASE WHEN ("country_last_lifetime" = "brand_country_last_lifetime") THEN 1 ELSE 0 END AS "country_match",
  CASE WHEN ("language_last_lifetime" = "brand_language_last_lifetime") THEN 1 ELSE 0 END AS "language_match",
  CASE WHEN CASE WHEN 1000 IS NULL OR 1000 = 0 THEN CAST(NULL AS double) ELSE CAST("followers_last_28d" AS double) / CAST(1000 AS double) END IS NULL OR CASE WHEN 1000 IS NULL OR 1000 = 0 THEN CAST(NULL AS double) ELSE CAST("followers_last_28d" AS double) / CAST(1000 AS double) END = 0 THEN CAST(NULL AS double) ELSE CAST("price_last_lifetime" AS double) / CAST(CASE WHEN 1000 IS NULL OR 1000 = 0 THEN CAST(NULL AS double) ELSE CAST("followers_last_28d" AS double) / CAST(1000 AS double) END AS double) END AS "price_per_kfollower",
  CASE WHEN "price_last_lifetime" IS NULL OR "price_last_lifetime" = 0 THEN CAST(NULL AS double) ELSE CAST("budget_last_lifetime" AS double) / CAST("price_last_lifetime" AS double) END AS "posts_in_budget",
  CASE WHEN CASE WHEN 4 IS NULL OR 4 = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_28d" AS double) / CAST(4 AS double) END IS NULL OR CASE WHEN 4 IS NULL OR 4 = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_28d" AS double) / CAST(4 AS double) END = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_7d" AS double) / CAST(CASE WHEN 4 IS NULL OR 4 = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_28d" AS double) / CAST(4 AS double) END AS double) END AS "engagement_trend",
  CASE WHEN "followers_last_28d" IS NULL OR "followers_last_28d" = 0 THEN CAST(NULL AS double) ELSE CAST(CASE WHEN "posts_count_28d" IS NULL OR "posts_count_28d" = 0 THEN CAST(NULL AS double) ELSE CAST("interactions_sum_28d" AS double) / CAST("posts_count_28d" AS double) END AS double) / CAST("followers_last_28d" AS double) END AS "er_28d"
FROM __v0
)
SELECT "campaign_id", "brand_id", "creator_id", "as_of", "objective_last_lifetime", "budget_last_lifetime", "kpi_metric_last_lifetime", "kpi_target_last_lifetime", "category_last_lifetime", "brand_country_last_lifetime", "brand_language_last_lifetime", "platform_last_lifetime", "tier_last_lifetime", "niche_last_lifetime", "country_last_lifetime", "language_last_lifetime", "price_last_lifetime", "followers_last_7d", "followers_last_28d", "followers_start_first_7d", "followers_start_first_28d", "followers_peak_max_7d", "followers_peak_max_28d", "follower_trend_slope_7d", "follower_trend_slope_28d", "follower_z_zscore_7d", "follower_z_zscore_28d", "following_last_7d", "following_last_28d", "following_mean_mean_7d", "following_mean_mean_28d", "following_sd_stddev_7d", "following_sd_stddev_28d", "growth_7d", "growth_28d", "decay_from_peak_7d", "decay_from_peak_28d", "following_cv_7d", "following_cv_28d", "following_ratio_7d", "following_ratio_28d", "growth_burst", "posts_count_7d", "posts_count_28d", "likes_sum_7d", "likes_sum_28d", "comments_sum_7d", "comments_sum_28d", "interactions_sum_7d", "interactions_sum_28d", "views_sum_7d", "views_sum_28d", "likes_per_comment_ratio_7d", "likes_per_comment_ratio_28d", "likes_per_view_ratio_7d", "likes_per_view_ratio_28d", "shares_per_like_ratio_7d", "shares_per_like_ratio_28d", "likes_top_max_7d", "likes_top_max_28d", "likes_avg_mean_7d", "likes_avg_mean_28d", "likes_sd_stddev_7d", "likes_sd_stddev_28d", "likes_z_zscore_7d", "likes_z_zscore_28d", "likes_trend_slope_7d", "likes_trend_slope_28d", "spikiness_7d", "spikiness_28d", "sampled_count_35d", "sampled_count_lifetime", "mass_following_mean_35d", "mass_following_mean_lifetime", "no_avatar_mean_35d", "no_avatar_mean_lifetime", "no_bio_mean_35d", "no_bio_mean_lifetime", "no_posts_mean_35d", "no_posts_mean_lifetime", "young_mean_35d", "young_mean_lifetime", "credibility_mean_35d", "credibility_mean_lifetime", "past_campaigns_count_lifetime", "past_kpi_met_mean_lifetime", "past_roas_mean_lifetime", "niche_match", "country_match", "language_match", "price_per_kfollower", "posts_in_budget", "engagement_trend", "er_28d"
FROM __v1
ORDER BY "campaign_id", "brand_id", "creator_id", "as_of"
