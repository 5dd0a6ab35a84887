-- feature set creator_comments v1 (9e159b3391dd), dialect trino
WITH spine_input AS (
    SELECT "creator_id", "as_of" AS "as_of" FROM spine
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
