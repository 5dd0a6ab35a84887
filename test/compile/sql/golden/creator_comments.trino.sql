-- feature set creator_comments v1 (3ca9a4bff82d), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
),
events AS (
    SELECT "creator_id", "comment_id" AS __ek_0, date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "created_at") AS __et, from_base(substr(lower(to_hex(md5(to_utf8("commenter_id")))), 1, 13), 16) AS __in_0, "commenter_id" AS __in_1, "length" AS __in_2
    FROM kol_silver.comments
    WHERE "created_at" IS NOT NULL
),
versions AS (
    SELECT *, CASE WHEN __ek_0 IS NULL THEN 9223372036854775807 ELSE COALESCE(lead(__et) OVER (PARTITION BY __ek_0 ORDER BY __et), 9223372036854775807) END AS __valid_to
    FROM events
),
spine AS (
    SELECT "creator_id", __asof, (__asof - 86400000) - ((((__asof - 86400000) % 3600000) + 3600000) % 3600000) AS __lo_1d, (__asof - 604800000) - ((((__asof - 604800000) % 3600000) + 3600000) % 3600000) AS __lo_7d
    FROM (SELECT DISTINCT "creator_id", date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', "as_of") AS __asof FROM spine_input) AS s
),
joined AS (
    SELECT s."creator_id", s.__asof, s.__lo_1d, s.__lo_7d, v.__et, v.__in_0, v.__in_1, v.__in_2
    FROM spine AS s LEFT JOIN versions AS v
    ON v."creator_id" = s."creator_id"
      AND v.__et <= s.__asof
      AND v.__valid_to > s.__asof
      AND v.__et > s.__lo_7d
),
aggregated AS (
    SELECT "creator_id",
      __asof,
      count(__et) FILTER (WHERE __et > __lo_1d) AS "comments_count_1d",
      count(__et) FILTER (WHERE __et > __lo_7d) AS "comments_count_7d",
      CASE WHEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_1d) <= 3 THEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_1d) ELSE CAST(floor(CAST(2 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_0) FILTER (WHERE __et > __lo_1d))), 3)) AS bigint) END AS "commenters_distinct_1d",
      CASE WHEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_7d) <= 3 THEN count(DISTINCT __in_0) FILTER (WHERE __et > __lo_7d) ELSE CAST(floor(CAST(2 AS double) * CAST(4503599627370496 AS double) / element_at(array_sort(array_distinct(array_agg(__in_0) FILTER (WHERE __et > __lo_7d))), 3)) AS bigint) END AS "commenters_distinct_7d",
      count(DISTINCT __in_1) FILTER (WHERE __et > __lo_1d) AS "commenters_exact_count_distinct_1d",
      count(DISTINCT __in_1) FILTER (WHERE __et > __lo_7d) AS "commenters_exact_count_distinct_7d",
      avg(__in_2) FILTER (WHERE __et > __lo_1d) AS "length_mean_1d",
      avg(__in_2) FILTER (WHERE __et > __lo_7d) AS "length_mean_7d",
      min_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et > __lo_1d AND __in_1 IS NOT NULL) AS "first_commenter_first_1d",
      min_by(__in_1, ROW(__et, __in_1)) FILTER (WHERE __et > __lo_7d AND __in_1 IS NOT NULL) AS "first_commenter_first_7d"
    FROM joined
    GROUP BY "creator_id", __asof
)
SELECT sp."creator_id", sp."as_of", f."comments_count_1d", f."comments_count_7d", f."commenters_distinct_1d", f."commenters_distinct_7d", f."commenters_exact_count_distinct_1d", f."commenters_exact_count_distinct_7d", f."length_mean_1d", f."length_mean_7d", f."first_commenter_first_1d", f."first_commenter_first_7d"
FROM spine_input AS sp
LEFT JOIN aggregated AS f ON f."creator_id" = sp."creator_id" AND f.__asof = date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', sp."as_of")
ORDER BY sp."creator_id", sp."as_of"
