/**
 * Analyst-language phrases for the reason codes of the trust and success models, keyed by feature output
 * name. Plain data: the renderer (sdk/train/reasons.ts) fills the placeholders with the row's own values.
 *
 * Placeholder syntax: `{name:format}` where `name` is a feature output (or `a-b`, the difference of two
 * outputs, or `as_of`, the row's date) and `format` is one of
 * `%` (share, 0.12 → 12%), `+%` (signed share), `k` (compact count, 38200 → 38.2k), `+k` (signed compact
 * count), `1` / `2` (decimals), `date` (YYYY-MM-DD).
 * Features without a phrase fall back to "NAME = value (training median m)".
 */
export const REASON_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({
  // followers: bought followers show as a step (growth, z-score), then slow decay
  follower_z_zscore_7d:
    'follower spike {followers_last_7d-followers_start_first_7d:+k} in the 7 days to {as_of:date}, z = {follower_z_zscore_7d:1}',
  follower_z_zscore_28d: 'follower count off-trend over 28 days to {as_of:date}, z = {follower_z_zscore_28d:1}',
  growth_7d: 'followers {growth_7d:+%} in 7 days ({followers_last_7d-followers_start_first_7d:+k})',
  growth_28d: 'followers {growth_28d:+%} in 28 days ({followers_last_28d-followers_start_first_28d:+k})',
  growth_burst: '7-day growth is {growth_burst:2}× the 28-day growth: a burst, not steady growth',
  follower_trend_slope_7d: 'followers trending {follower_trend_slope_7d:+k} a day over 7 days',
  follower_trend_slope_28d: 'followers trending {follower_trend_slope_28d:+k} a day over 28 days',
  decay_from_peak_7d: 'followers {decay_from_peak_7d:%} below their 7-day peak (bought followers dropping off)',
  decay_from_peak_28d: 'followers {decay_from_peak_28d:%} below their 28-day peak (bought followers dropping off)',
  following_ratio_7d: 'follows {following_ratio_7d:2} accounts per follower',
  following_ratio_28d: 'follows {following_ratio_28d:2} accounts per follower (28 days)',
  following_cv_7d: 'following count swings (cv {following_cv_7d:2}): follow/unfollow churn',
  following_cv_28d: 'following count swings over 28 days (cv {following_cv_28d:2}): follow/unfollow churn',
  // engagement
  likes_per_comment_ratio_7d: '{likes_per_comment_ratio_7d:1} likes per comment in 7 days',
  likes_per_comment_ratio_28d: '{likes_per_comment_ratio_28d:1} likes per comment in 28 days',
  likes_per_view_ratio_7d: '{likes_per_view_ratio_7d:%} of views like a post (7 days)',
  likes_per_view_ratio_28d: '{likes_per_view_ratio_28d:%} of views like a post (28 days)',
  likes_z_zscore_7d: 'likes spike in the 7 days to {as_of:date}, z = {likes_z_zscore_7d:1}',
  likes_z_zscore_28d: 'likes off-trend over 28 days, z = {likes_z_zscore_28d:1}',
  spikiness_7d: 'top post has {spikiness_7d:1}× the average likes (7 days)',
  spikiness_28d: 'top post has {spikiness_28d:1}× the average likes (28 days)',
  stepness_7d: 'likes per view jump to {stepness_7d:1}× their mean in single observations (7 days)',
  stepness_28d: 'likes per view jump to {stepness_28d:1}× their mean in single observations (28 days)',
  // comments: bots duplicate texts and post emoji only; pods are a few authors commenting on everything
  duplicate_share_7d: '{duplicate_share_7d:%} of comments are duplicates (7 days)',
  duplicate_share_28d: '{duplicate_share_28d:%} of comments are duplicates (28 days)',
  emoji_share_7d: '{emoji_share_7d:%} of comments are emoji only (7 days)',
  emoji_share_28d: '{emoji_share_28d:%} of comments are emoji only (28 days)',
  author_concentration_7d: 'the same authors write {author_concentration_7d:%} of comments (7 days)',
  author_concentration_28d: 'the same authors write {author_concentration_28d:%} of comments (28 days)',
  languages_distinct_28d: 'comments in {languages_distinct_28d:k} languages (28 days)',
  // audience samples
  mass_following_mean_35d: '{mass_following_mean_35d:%} of sampled followers follow thousands of accounts',
  mass_following_mean_lifetime: '{mass_following_mean_lifetime:%} of sampled followers (lifetime) follow thousands of accounts',
  no_avatar_mean_35d: '{no_avatar_mean_35d:%} of sampled followers have no avatar',
  no_avatar_mean_lifetime: '{no_avatar_mean_lifetime:%} of sampled followers (lifetime) have no avatar',
  no_bio_mean_35d: '{no_bio_mean_35d:%} of sampled followers have no bio',
  no_bio_mean_lifetime: '{no_bio_mean_lifetime:%} of sampled followers (lifetime) have no bio',
  no_posts_mean_35d: '{no_posts_mean_35d:%} of sampled followers never posted',
  no_posts_mean_lifetime: '{no_posts_mean_lifetime:%} of sampled followers (lifetime) never posted',
  young_mean_35d: '{young_mean_35d:%} of sampled followers are newly created accounts',
  young_mean_lifetime: '{young_mean_lifetime:%} of sampled followers (lifetime) are newly created accounts',
  credibility_mean_35d: 'audience credibility {credibility_mean_35d:%}',
  credibility_mean_lifetime: 'audience credibility {credibility_mean_lifetime:%} (lifetime)',
  // cohort-relative engagement
  er_7d: 'engagement rate {er_7d:%} per post (7 days)',
  er_28d: 'engagement rate {er_28d:%} per post (28 days)',
  er_pct_28d: 'engagement rate in the {er_pct_28d:%} percentile of its platform and tier',
  er_cz_28d: 'engagement rate z = {er_cz_28d:1} against its platform and tier',
  lpc_cz_28d: 'likes per comment z = {lpc_cz_28d:1} against its platform and tier',
});
