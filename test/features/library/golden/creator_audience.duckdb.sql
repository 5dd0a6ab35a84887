-- feature set creator_audience v1 (cb4ec098ae74), dialect duckdb
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", epoch_ms("sampled_at") AS __et, CASE WHEN ("following" > 1500) THEN 1 ELSE 0 END AS __in_0, CASE WHEN "has_avatar" THEN 0 ELSE 1 END AS __in_1, CASE WHEN "has_bio" THEN 0 ELSE 1 END AS __in_2, CASE WHEN ("posts" < 3) THEN 1 ELSE 0 END AS __in_3, CASE WHEN ("account_age_days" < 90) THEN 1 ELSE 0 END AS __in_4, CASE WHEN ((("following" > 1500) OR (NOT "has_avatar")) OR ("posts" < 3)) THEN 0 ELSE 1 END AS __in_5
    FROM kol_silver.audience_samples
    WHERE "sampled_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 3024000000) - ((((__asof - 3024000000) % 86400000) + 86400000) % 86400000) AS __lo_35d
    FROM (SELECT DISTINCT "creator_id", epoch_ms("as_of") AS __asof FROM spine_input) AS s
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
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = epoch_ms(sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
