-- The ceiling of `npm run bench:features`: the creator_followers trust features (7d and 28d windows) as
-- of each spine row, written by hand for DuckDB. Windows hold events with as_of - w < captured_at <= as_of
-- (the spine's as-of points are day ends, so the library's hour/day-aligned window starts coincide).
WITH s AS (
    SELECT creator_id, as_of, as_of - INTERVAL 7 DAY AS lo7, as_of - INTERVAL 28 DAY AS lo28 FROM spine
),
j AS (
    SELECT s.creator_id, s.as_of, s.lo7, f.captured_at AS t, f.followers AS y, f.following AS g,
      CAST(epoch_ms(f.captured_at) - epoch_ms(s.as_of) AS DOUBLE) / 86400000 AS x
    FROM s LEFT JOIN follower_snapshots AS f
      ON f.creator_id = s.creator_id AND f.captured_at <= s.as_of AND f.captured_at > s.lo28
),
a AS (
    SELECT creator_id, as_of,
      arg_max(y, t) FILTER (WHERE t > lo7) AS followers_last_7d,
      arg_max(y, t) AS followers_last_28d,
      arg_min(y, t) FILTER (WHERE t > lo7) AS followers_start_first_7d,
      arg_min(y, t) AS followers_start_first_28d,
      max(y) FILTER (WHERE t > lo7) AS followers_peak_max_7d,
      max(y) AS followers_peak_max_28d,
      regr_slope(y, x) FILTER (WHERE t > lo7) AS follower_trend_slope_7d,
      regr_slope(y, x) AS follower_trend_slope_28d,
      avg(y) FILTER (WHERE t > lo7) AS m7, avg(y) AS m28,
      stddev_samp(y) FILTER (WHERE t > lo7) AS s7, stddev_samp(y) AS s28,
      arg_max(g, t) FILTER (WHERE t > lo7) AS following_last_7d,
      arg_max(g, t) AS following_last_28d,
      avg(g) FILTER (WHERE t > lo7) AS following_mean_mean_7d,
      avg(g) AS following_mean_mean_28d,
      stddev_samp(g) FILTER (WHERE t > lo7) AS following_sd_stddev_7d,
      stddev_samp(g) AS following_sd_stddev_28d
    FROM j
    GROUP BY creator_id, as_of
)
SELECT creator_id, as_of,
  followers_last_7d, followers_last_28d, followers_start_first_7d, followers_start_first_28d,
  followers_peak_max_7d, followers_peak_max_28d, follower_trend_slope_7d, follower_trend_slope_28d,
  (followers_last_7d - m7) / nullif(s7, 0) AS follower_z_zscore_7d,
  (followers_last_28d - m28) / nullif(s28, 0) AS follower_z_zscore_28d,
  following_last_7d, following_last_28d, following_mean_mean_7d, following_mean_mean_28d,
  following_sd_stddev_7d, following_sd_stddev_28d,
  (followers_last_7d - followers_start_first_7d) / nullif(followers_start_first_7d, 0) AS growth_7d,
  (followers_last_28d - followers_start_first_28d) / nullif(followers_start_first_28d, 0) AS growth_28d,
  (followers_peak_max_7d - followers_last_7d) / nullif(followers_peak_max_7d, 0) AS decay_from_peak_7d,
  (followers_peak_max_28d - followers_last_28d) / nullif(followers_peak_max_28d, 0) AS decay_from_peak_28d,
  following_sd_stddev_7d / nullif(following_mean_mean_7d, 0) AS following_cv_7d,
  following_sd_stddev_28d / nullif(following_mean_mean_28d, 0) AS following_cv_28d,
  following_last_7d / nullif(followers_last_7d, 0) AS following_ratio_7d,
  following_last_28d / nullif(followers_last_28d, 0) AS following_ratio_28d,
  ((followers_last_7d - followers_start_first_7d) / nullif(followers_start_first_7d, 0))
    / nullif((followers_last_28d - followers_start_first_28d) / nullif(followers_start_first_28d, 0), 0) AS growth_burst
FROM a
ORDER BY creator_id, as_of
