-- feature set brand_profile v1 (5779a293167d), dialect trino
WITH spine_input AS (
    SELECT "brand_id", "as_of" AS "as_of" FROM spine
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
