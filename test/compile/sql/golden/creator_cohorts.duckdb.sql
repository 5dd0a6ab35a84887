-- feature set creator_cohorts v1 (cb059dfc8777), dialect duckdb
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", "post_id" AS __ek_0, epoch_ms("posted_at") AS __et, epoch_ms("observed_at") AS __ot, CASE WHEN "followers" IS NULL OR "followers" = 0 THEN CAST(NULL AS DOUBLE) ELSE CAST(("likes" + "comments") AS DOUBLE) / CAST("followers" AS DOUBLE) END AS __in_0, "followers" AS __in_1, "platform" AS __in_2
    FROM kol_silver.engagement_observations
    WHERE "posted_at" IS NOT NULL AND "observed_at" IS NOT NULL
),
versions AS (
    SELECT *, CASE WHEN __ek_0 IS NULL THEN 9223372036854775807 ELSE COALESCE(lead(__ot) OVER (PARTITION BY __ek_0 ORDER BY __ot), 9223372036854775807) END AS __valid_to
    FROM events
),
population AS (
    SELECT e."creator_id", t."as_of" FROM (SELECT DISTINCT "as_of" FROM spine_input) AS t
    JOIN (SELECT "creator_id", min(greatest(__et, __ot)) AS __seen FROM events WHERE "creator_id" IS NOT NULL GROUP BY "creator_id") AS e
    ON e.__seen <= epoch_ms(t."as_of")
),
full_spine AS (
    SELECT "creator_id", "as_of", max(__member) AS __member FROM (
      SELECT "creator_id", "as_of", 0 AS __member FROM spine_input
      UNION ALL SELECT "creator_id", "as_of", 1 AS __member FROM population
    ) AS u GROUP BY "creator_id", "as_of"
),
spine AS (
    SELECT "creator_id", __asof, __member, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d
    FROM (SELECT DISTINCT "creator_id", epoch_ms("as_of") AS __asof, __member FROM full_spine) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__member, s.__lo_7d, v.__et, v.__in_0, v.__in_1, v.__in_2
    FROM spine AS s LEFT JOIN versions AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__ot <= s.__asof
      AND v.__valid_to > s.__asof
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      __member,
      avg(__in_0) FILTER (WHERE __et > __lo_7d) AS "er_mean_7d",
      avg(__in_0) FILTER (WHERE __et IS NOT NULL) AS "er_mean_lifetime",
      arg_max(__in_1, (__et, __in_1)) FILTER (WHERE __et > __lo_7d AND __in_1 IS NOT NULL) AS "followers_last_7d",
      arg_max(__in_1, (__et, __in_1)) FILTER (WHERE __et IS NOT NULL AND __in_1 IS NOT NULL) AS "followers_last_lifetime",
      arg_max(__in_2, (__et, __in_2)) FILTER (WHERE __et > __lo_7d AND __in_2 IS NOT NULL) AS "platform_last_7d",
      arg_max(__in_2, (__et, __in_2)) FILTER (WHERE __et IS NOT NULL AND __in_2 IS NOT NULL) AS "platform_last_lifetime"
    FROM joined
    GROUP BY "creator_id", __asof, __member
),
with_derived AS (
    SELECT *,
      CASE WHEN ("followers_last_7d" < 5000) THEN 'nano' WHEN ("followers_last_7d" < 100000) THEN 'micro' ELSE 'macro' END AS "tier_7d",
      CASE WHEN ("followers_last_lifetime" < 5000) THEN 'nano' WHEN ("followers_last_lifetime" < 100000) THEN 'micro' ELSE 'macro' END AS "tier_lifetime"
    FROM aggregated
),
cohorts AS (
    SELECT *,
      CASE WHEN __member = 1 AND "er_mean_7d" IS NOT NULL THEN cume_dist() OVER (PARTITION BY __asof, __member, ("er_mean_7d" IS NULL), "platform_last_lifetime", "tier_lifetime" ORDER BY "er_mean_7d") END AS "er_pct_7d",
      CASE WHEN __member = 1 AND "er_mean_lifetime" IS NOT NULL THEN cume_dist() OVER (PARTITION BY __asof, __member, ("er_mean_lifetime" IS NULL), "platform_last_lifetime", "tier_lifetime" ORDER BY "er_mean_lifetime") END AS "er_pct_lifetime",
      CASE WHEN __member = 1 AND "er_mean_7d" IS NOT NULL THEN ("er_mean_7d" - avg("er_mean_7d") OVER (PARTITION BY __asof, __member, ("er_mean_7d" IS NULL), "platform_last_lifetime")) / NULLIF(stddev_samp("er_mean_7d") OVER (PARTITION BY __asof, __member, ("er_mean_7d" IS NULL), "platform_last_lifetime"), 0) END AS "er_cz_7d",
      CASE WHEN __member = 1 AND "er_mean_lifetime" IS NOT NULL THEN ("er_mean_lifetime" - avg("er_mean_lifetime") OVER (PARTITION BY __asof, __member, ("er_mean_lifetime" IS NULL), "platform_last_lifetime")) / NULLIF(stddev_samp("er_mean_lifetime") OVER (PARTITION BY __asof, __member, ("er_mean_lifetime" IS NULL), "platform_last_lifetime"), 0) END AS "er_cz_lifetime"
    FROM with_derived
)
SELECT sp."creator_id", sp."as_of", f."er_mean_7d", f."er_mean_lifetime", f."followers_last_7d", f."followers_last_lifetime", f."platform_last_7d", f."platform_last_lifetime", f."tier_7d", f."tier_lifetime", f."er_pct_7d", f."er_pct_lifetime", f."er_cz_7d", f."er_cz_lifetime"
FROM spine_input AS sp
LEFT JOIN cohorts AS f ON f."creator_id" = sp."creator_id" AND f.__asof = epoch_ms(sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
