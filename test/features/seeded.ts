/** Seeded random KOL events with the awkward cases on purpose: revisions, late and duplicate rows, nulls, edges. */

import { seeded as rng } from '../../sdk/util/random.ts';

export { rng };

export const T0 = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** A time in the span, often snapped to a tile boundary or a coarse grid so that ties and edges happen. */
function time(r: Rand, spanDays: number): number {
  const t = T0 + Math.floor(r() * spanDays * DAY);
  const u = r();
  if (u < 0.15) return t - (t % DAY);
  if (u < 0.35) return t - (t % HOUR);
  if (u < 0.5) return t - (t % (5 * 60_000));
  if (u < 0.6) return t - (t % 60_000);
  return t;
}

export const CREATORS = ['c0', 'c1', 'c2', 'c3'];

export function engagementRows(seed: number): Record<string, unknown>[] {
  const r = rng(seed);
  const rows: Record<string, unknown>[] = [];
  const nPosts = int(r, 10, 45);
  for (let i = 0; i < nPosts; i++) {
    const creator = r() < 0.03 ? null : pick(r, CREATORS);
    const postId = r() < 0.04 ? null : `p${i}`;
    const postedAt = time(r, 9);
    const platform = pick(r, ['ig', 'tt']);
    let likes = int(r, 0, 500);
    let followers = int(r, 200, 200_000);
    const versions = int(r, 1, 4);
    let observedAt = postedAt + (r() < 0.2 ? 0 : Math.floor(r() * 2 * DAY));
    for (let v = 0; v < versions; v++) {
      const row = {
        creator_id: v > 0 && r() < 0.04 ? pick(r, CREATORS) : creator,
        post_id: postId,
        platform,
        likes: r() < 0.08 ? null : BigInt(likes),
        comments: BigInt(int(r, 0, 40)),
        followers: r() < 0.05 ? 0n : BigInt(followers),
        score: r() < 0.1 ? null : int(r, -80, 800) / 8,
        posted_at: new Date(postedAt),
        observed_at: new Date(observedAt),
      };
      rows.push(row);
      if (r() < 0.12) rows.push({ ...row });
      likes += int(r, 0, 200);
      followers += int(r, -50, 300);
      observedAt += r() < 0.15 ? 8 * DAY : r() < 0.3 ? HOUR : Math.floor(r() * DAY);
    }
  }
  return shuffle(r, rows);
}

export function followerRows(seed: number): Record<string, unknown>[] {
  const r = rng(seed + 1000);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < int(r, 10, 60); i++) {
    const row = {
      creator_id: pick(r, CREATORS),
      followers: r() < 0.08 ? null : BigInt(int(r, 100, 50_000)),
      following: BigInt(int(r, 0, 3000)),
      platform: r() < 0.05 ? null : pick(r, ['ig', 'tt', 'yt']),
      captured_at: new Date(time(r, 35)),
    };
    rows.push(row);
    if (r() < 0.1) rows.push({ ...row });
  }
  return shuffle(r, rows);
}

export function commentRows(seed: number): Record<string, unknown>[] {
  const r = rng(seed + 2000);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < int(r, 10, 60); i++) {
    const row = {
      creator_id: pick(r, CREATORS),
      comment_id: `k${i}`,
      commenter_id: r() < 0.05 ? null : `u${int(r, 0, 9)}`,
      length: r() < 0.05 ? null : BigInt(int(r, 1, 300)),
      created_at: new Date(time(r, 9)),
    };
    rows.push(row);
    if (r() < 0.15) rows.push({ ...row });
  }
  return shuffle(r, rows);
}

/** Spine rows: random times, tile boundaries, times equal to event times and to their window edges. */
export function spineRows(
  seed: number,
  events: readonly Record<string, unknown>[],
  timeColumns: readonly string[],
): Record<string, unknown>[] {
  const r = rng(seed + 3000);
  const out: Record<string, unknown>[] = [];
  const times = events.flatMap((e) => timeColumns.map((c) => (e[c] as Date | null)?.getTime()).filter((t): t is number => t !== undefined));
  for (const creator of [...CREATORS, 'c9']) {
    const mine = events.filter((e) => e.creator_id === creator).flatMap((e) => timeColumns.map((c) => (e[c] as Date).getTime()));
    const candidates = [
      T0 - DAY,
      time(r, 11),
      time(r, 11),
      time(r, 40),
      T0 + int(r, 1, 10) * DAY,
      T0 + int(r, 1, 240) * HOUR,
      ...(mine.length > 0
        ? [pick(r, mine), pick(r, mine), pick(r, mine) + DAY, pick(r, mine) + 7 * DAY, pick(r, mine) + HOUR, pick(r, mine) + 28 * DAY]
        : []),
      ...(times.length > 0 ? [pick(r, times) + 7 * DAY - 1] : []),
    ];
    for (const t of candidates) out.push({ creator_id: creator, as_of: new Date(t) });
    if (r() < 0.5) out.push({ ...(out[out.length - 1] as object) });
  }
  return out;
}

function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}
