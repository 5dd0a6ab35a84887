-- feature set creator_profile v1 (9ffe84ff408e), dialect duckdb
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", epoch_ms("registered_at") AS __et, "platform" AS __in_0, "tier" AS __in_1, "niche" AS __in_2, "country" AS __in_3, "language" AS __in_4, "price_per_post_usd" AS __in_5
    FROM kol_silver.creators
    WHERE "registered_at" IS NOT NULL
),
spine AS (
    SELECT "creator_id", __asof
    FROM (SELECT DISTINCT "creator_id", epoch_ms("as_of") AS __asof FROM spine_input) AS s
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
      arg_max(__in_0, (__et, __in_0)) FILTER (WHERE __et IS NOT NULL AND __in_0 IS NOT NULL) AS "platform_last_lifetime",
      arg_max(__in_1, (__et, __in_1)) FILTER (WHERE __et IS NOT NULL AND __in_1 IS NOT NULL) AS "tier_last_lifetime",
      arg_max(__in_2, (__et, __in_2)) FILTER (WHERE __et IS NOT NULL AND __in_2 IS NOT NULL) AS "niche_last_lifetime",
      arg_max(__in_3, (__et, __in_3)) FILTER (WHERE __et IS NOT NULL AND __in_3 IS NOT NULL) AS "country_last_lifetime",
      arg_max(__in_4, (__et, __in_4)) FILTER (WHERE __et IS NOT NULL AND __in_4 IS NOT NULL) AS "language_last_lifetime",
      arg_max(__in_5, (__et, __in_5)) FILTER (WHERE __et IS NOT NULL AND __in_5 IS NOT NULL) AS "price_last_lifetime"
    FROM joined
    GROUP BY "creator_id", __asof
)
SELECT sp."creator_id", sp."as_of", f."platform_last_lifetime", f."tier_last_lifetime", f."niche_last_lifetime", f."country_last_lifetime", f."language_last_lifetime", f."price_last_lifetime"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = epoch_ms(sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
