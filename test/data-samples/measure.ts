/**
 * Measurements on raw generated events, the way an analyst would compute them: used by the calibration and
 * ground-truth tests, never by the generator (which must not grade its own work).
 */
import { ER_TARGETS, erBucket } from '../../data-samples/generator/index.ts';

export type Row = Record<string, unknown>;

export function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list === undefined) out.set(k, [r]);
    else list.push(r);
  }
  return out;
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The last observation of each post (its final counters), keyed by post_id. */
export function finalObservations(observations: readonly Row[]): Map<string, Row> {
  const last = new Map<string, Row>();
  for (const o of observations) {
    const prev = last.get(o.post_id as string);
    if (prev === undefined || (o.observed_at as string) > (prev.observed_at as string)) last.set(o.post_id as string, o);
  }
  return last;
}

export interface CreatorEr {
  readonly creatorId: string;
  readonly followers: number;
  readonly er: number;
}

/**
 * ER per creator = (average likes + average comments) / average followers, over posts observed for a full
 * week (their final counters), as HypeAuditor defines it.
 */
export function engagementRates(snapshots: readonly Row[], observations: readonly Row[]): CreatorEr[] {
  const final = [...finalObservations(observations).values()].filter(
    (o) => Date.parse(o.observed_at as string) - Date.parse(o.posted_at as string) >= 168 * 3_600_000,
  );
  const followers = groupBy(snapshots, (s) => s.creator_id as string);
  const out: CreatorEr[] = [];
  for (const [creatorId, posts] of groupBy(final, (o) => o.creator_id as string)) {
    const f = mean((followers.get(creatorId) ?? []).map((s) => s.followers as number));
    const likes = mean(posts.map((p) => p.likes as number));
    const comments = mean(posts.map((p) => p.comments as number));
    out.push({ creatorId, followers: f, er: (likes + comments) / f });
  }
  return out;
}

/** Average ER per HypeAuditor bucket, with the target and the number of creators. */
export function erByBucket(rates: readonly CreatorEr[]): { bucket: string; target: number; measured: number; creators: number }[] {
  const byBucket = groupBy(rates, (r) => erBucket(r.followers).bucket);
  return ER_TARGETS.map((b) => {
    const list = byBucket.get(b.bucket) ?? [];
    return { bucket: b.bucket, target: b.er, measured: mean(list.map((r) => r.er)), creators: list.length };
  });
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const hoursBetween = (a: unknown, b: unknown): number => (Date.parse(b as string) - Date.parse(a as string)) / HOUR;

/** Everything about one creator's raw events, split at the fraud onset (or at `split` for honest creators). */
export interface CreatorView {
  readonly creatorId: string;
  readonly tier: string;
  /** Ground truth: fraud kinds at the end of history and the onset time (ms), if any. */
  readonly fraudTypes: readonly string[];
  readonly onsetMs: number | null;
  readonly snapshots: Row[];
  readonly posts: Row[];
  readonly observations: Map<string, Row[]>;
  readonly comments: Row[];
  readonly audience: Row[];
}

/** Builds a view per creator from a generated world's rows. */
export function creatorViews(rows: Record<string, Row[]>): Map<string, CreatorView> {
  const by = (type: string) => groupBy(rows[type] ?? [], (r) => r.creator_id as string);
  const snapshots = by('follower_snapshots');
  const posts = by('posts');
  const comments = by('comments');
  const audience = by('audience_samples');
  const labels = by('trust_labels');
  const observations = groupBy(rows.engagement_observations ?? [], (r) => r.post_id as string);
  const out = new Map<string, CreatorView>();
  for (const c of rows.creators ?? []) {
    const id = c.creator_id as string;
    const ls = labels.get(id) ?? [];
    const firstFraud = ls.find((l) => l.is_fraud === true);
    const last = ls[ls.length - 1];
    const myPosts = posts.get(id) ?? [];
    out.set(id, {
      creatorId: id,
      tier: c.tier as string,
      fraudTypes: (last?.fraud_types as string[] | undefined) ?? [],
      onsetMs: firstFraud === undefined ? null : Date.parse(firstFraud.as_of as string),
      snapshots: snapshots.get(id) ?? [],
      posts: myPosts,
      observations: new Map(myPosts.map((p) => [p.post_id as string, observations.get(p.post_id as string) ?? []])),
      comments: comments.get(id) ?? [],
      audience: audience.get(id) ?? [],
    });
  }
  return out;
}

/** Daily follower changes, as [date, delta, followers]. */
export function followerDeltas(v: CreatorView): { date: string; delta: number; followers: number; ms: number }[] {
  const s = v.snapshots;
  return s.slice(1).map((x, i) => ({
    date: x.snapshot_date as string,
    delta: (x.followers as number) - ((s[i] as Row).followers as number),
    followers: x.followers as number,
    ms: Date.parse(x.captured_at as string),
  }));
}

/** Bought followers: the one-day jump on the onset day against the creator's normal daily growth. */
export function followerJump(v: CreatorView, onsetMs: number): { jump: number; normal: number; share: number } {
  const deltas = followerDeltas(v);
  const onsetDay = Math.floor(onsetMs / DAY);
  const before = deltas.filter((d) => Math.floor(d.ms / DAY) < onsetDay).map((d) => Math.abs(d.delta));
  const at = deltas.find((d) => Math.floor(d.ms / DAY) === onsetDay);
  return { jump: at?.delta ?? 0, normal: median(before), share: at === undefined ? 0 : at.delta / (at.followers - at.delta) };
}

/** Follow/unfollow farming: range of the following count after the onset against before, and mass unfollows. */
export function followingSwing(v: CreatorView, onsetMs: number): { after: number; before: number; drops: number } {
  const f = v.snapshots.map((s) => ({ ms: Date.parse(s.captured_at as string), following: s.following as number }));
  const range = (xs: number[]) => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs));
  const after = f.filter((x) => x.ms >= onsetMs);
  const before = f.filter((x) => x.ms < onsetMs).slice(-after.length);
  const swing = range(after.map((x) => x.following));
  // a mass unfollow: one day's fall of more than 15% of the whole swing
  let drops = 0;
  for (let i = 1; i < after.length; i++)
    if ((after[i] as { following: number }).following - (after[i - 1] as { following: number }).following < -0.15 * swing) drops++;
  return { after: swing, before: range(before.map((x) => x.following)), drops };
}

/** Posts observed for a full week: their observations in time order. */
export function fullyObserved(v: CreatorView): { post: Row; obs: Row[] }[] {
  return v.posts
    .map((post) => ({
      post,
      obs: [...(v.observations.get(post.post_id as string) ?? [])].sort((a, b) =>
        (a.observed_at as string) < (b.observed_at as string) ? -1 : 1,
      ),
    }))
    .filter((p) => p.obs.length === 5);
}

/** Share of a post's final likes that arrived between the 24 h and the 72 h observation (a step). */
export function lateLikeStep(obs: readonly Row[]): number {
  const final = (obs[4] as Row).likes as number;
  return final === 0 ? 0 : (((obs[3] as Row).likes as number) - ((obs[2] as Row).likes as number)) / final;
}

/** Likes per comment over final counters. */
export function likesPerComment(posts: readonly { obs: Row[] }[]): number {
  const likes = posts.reduce((a, p) => a + ((p.obs[4] as Row).likes as number), 0);
  const comments = posts.reduce((a, p) => a + ((p.obs[4] as Row).comments as number), 0);
  return likes / Math.max(1, comments);
}

/** Authors who commented within an hour of posting on at least `minPosts` distinct posts. */
export function recurringFirstHourAuthors(v: CreatorView, sinceMs: number, minPosts = 3): number {
  const postedAt = new Map(v.posts.map((p) => [p.post_id as string, p.posted_at as string]));
  const postsBy = new Map<string, Set<string>>();
  for (const c of v.comments) {
    const at = postedAt.get(c.post_id as string);
    if (at === undefined || Date.parse(at) < sinceMs || hoursBetween(at, c.posted_at) > 1) continue;
    const set = postsBy.get(c.author_id as string) ?? new Set<string>();
    set.add(c.post_id as string);
    postsBy.set(c.author_id as string, set);
  }
  return [...postsBy.values()].filter((s) => s.size >= minPosts).length;
}

/** Among comments in a window: share whose (non-emoji) text repeats, and share not in the creator's main language. */
export function commentSignals(comments: readonly Row[]): { duplicate: number; emoji: number; offLanguage: number; n: number } {
  const counts = new Map<string, number>();
  for (const c of comments) if (c.is_emoji_only !== true) counts.set(c.text_hash as string, (counts.get(c.text_hash as string) ?? 0) + 1);
  const langs = new Map<string, number>();
  for (const c of comments) langs.set(c.language as string, (langs.get(c.language as string) ?? 0) + 1);
  const main = [...langs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const n = comments.length;
  return {
    duplicate: comments.filter((c) => c.is_emoji_only !== true && (counts.get(c.text_hash as string) ?? 0) > 1).length / Math.max(1, n),
    emoji: comments.filter((c) => c.is_emoji_only === true).length / Math.max(1, n),
    offLanguage: comments.filter((c) => c.language !== main).length / Math.max(1, n),
    n,
  };
}

/** Comments (not emoji-only) whose exact text appears more than once: copy-paste bots. */
export function repeatedTexts(comments: readonly Row[]): number {
  const counts = new Map<string, number>();
  for (const c of comments) if (c.is_emoji_only !== true) counts.set(c.text_hash as string, (counts.get(c.text_hash as string) ?? 0) + 1);
  return comments.filter((c) => c.is_emoji_only !== true && (counts.get(c.text_hash as string) ?? 0) > 1).length;
}

/** Share of sampled followers that look fake: a young account with almost no posts. */
export function suspiciousFollowers(samples: readonly Row[]): number {
  return samples.filter((s) => (s.account_age_days as number) < 200 && (s.posts as number) < 10).length / Math.max(1, samples.length);
}
