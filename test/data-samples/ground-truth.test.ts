import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatorView,
  commentSignals,
  creatorViews,
  followerDeltas,
  followerJump,
  followingSwing,
  fullyObserved,
  lateLikeStep,
  likesPerComment,
  median,
  type Row,
  recurringFirstHourAuthors,
  repeatedTexts,
  suspiciousFollowers,
} from './measure.ts';
import { LONG, worldRows } from './world.ts';

/**
 * Every planted fraud pattern must be visible in the raw events of its creator, found the way an analyst
 * would look for it, and honest creators must not show it. The ground truth (trust_labels) says who and
 * since when; the tests never read the generator's hidden state.
 */
let views: CreatorView[];
let honest: CreatorView[];
const since = (rows: readonly Row[], column: string, ms: number, after: boolean) =>
  rows.filter((r) => Date.parse(r[column] as string) >= ms === after);
const withType = (type: string) => views.filter((v) => v.fraudTypes.includes(type));

// generating the world takes seconds; more on a loaded machine
beforeAll(async () => {
  views = [...creatorViews(await worldRows(LONG)).values()];
  honest = views.filter((v) => v.onsetMs === null);
}, 120_000);

describe('ground truth labels', () => {
  it('has as_of rows before and after each onset, and the onset somewhere in the middle of history', async () => {
    const rows = await worldRows(LONG);
    const start = Date.parse(`${LONG.start}T00:00:00Z`);
    const end = start + LONG.days * 86_400_000;
    const frauds = views.filter((v) => v.onsetMs !== null);
    expect(frauds.length).toBeGreaterThan(60);
    for (const v of frauds) {
      const labels = rows.trust_labels.filter((l) => l.creator_id === v.creatorId);
      expect(
        labels.some((l) => l.is_fraud === false),
        v.creatorId,
      ).toBe(true);
      expect(labels.filter((l) => Date.parse(l.as_of as string) >= (v.onsetMs as number)).every((l) => l.is_fraud === true)).toBe(true);
      expect(
        labels
          .filter((l) => Date.parse(l.as_of as string) < (v.onsetMs as number))
          .every((l) => l.is_fraud === false && (l.fraud_types as string[]).length === 0),
      ).toBe(true);
      expect(v.onsetMs as number).toBeGreaterThan(start + 0.1 * (end - start));
      expect(v.onsetMs as number).toBeLessThan(start + 0.65 * (end - start));
    }
    // a creator can commit several kinds of fraud at once
    expect(frauds.some((v) => v.fraudTypes.length >= 2)).toBe(true);
  });
});

describe('planted fraud is visible in raw events', () => {
  it('bought followers: a one-day hockey-stick jump far above normal growth, then slower growth (decay)', () => {
    const creators = withType('bought_followers');
    expect(creators.length).toBeGreaterThan(10);
    let slower = 0;
    for (const v of creators) {
      const j = followerJump(v, v.onsetMs as number);
      expect(j.jump, v.creatorId).toBeGreaterThan(10 * j.normal);
      expect(j.share, v.creatorId).toBeGreaterThan(0.2);
      const deltas = followerDeltas(v);
      const before = deltas.filter((d) => d.ms < (v.onsetMs as number)).map((d) => d.delta / d.followers);
      const after = deltas
        .filter((d) => d.ms > (v.onsetMs as number) + 86_400_000)
        .slice(0, 15)
        .map((d) => d.delta / d.followers);
      if (median(after) < median(before)) slower++;
    }
    expect(slower / creators.length).toBeGreaterThan(0.8);
    // honest growth, viral bumps included, never jumps like that
    for (const v of honest) for (const d of followerDeltas(v)) expect(d.delta / (d.followers - d.delta)).toBeLessThan(0.1);
  });

  it('follow/unfollow farming: the following count swings in cycles with mass unfollows', () => {
    const creators = withType('follow_unfollow');
    expect(creators.length).toBeGreaterThan(5);
    for (const v of creators) {
      const s = followingSwing(v, v.onsetMs as number);
      expect(s.after, v.creatorId).toBeGreaterThan(Math.max(1000, 3 * s.before));
      expect(s.drops, v.creatorId).toBeGreaterThanOrEqual(1);
    }
    for (const v of honest) expect(followingSwing(v, Date.parse(`${LONG.start}T00:00:00Z`) + 45 * 86_400_000).after).toBeLessThan(1000);
  });

  it('bought likes: likes arrive in a step a day or more after posting, and the likes:comments ratio leaves its usual level', () => {
    const creators = withType('bought_likes');
    expect(creators.length).toBeGreaterThan(10);
    let checked = 0;
    let withoutPosts = 0;
    for (const v of creators) {
      const after = fullyObserved(v).filter((p) => Date.parse(p.post.posted_at as string) >= (v.onsetMs as number));
      const before = fullyObserved(v).filter((p) => Date.parse(p.post.posted_at as string) < (v.onsetMs as number));
      // likes are bought for posts: a creator with no post observed for a week since the onset has none
      if (after.length === 0) {
        withoutPosts++;
        continue;
      }
      expect(after.filter((p) => lateLikeStep(p.obs) > 0.3).length, v.creatorId).toBeGreaterThanOrEqual(1);
      if (after.length < 2 || before.length < 2) continue;
      checked++;
      if (!v.fraudTypes.includes('bot_comments') && !v.fraudTypes.includes('engagement_pod')) {
        expect(likesPerComment(after) / likesPerComment(before), v.creatorId).toBeGreaterThan(1.5);
      }
    }
    expect(checked).toBeGreaterThan(8);
    expect(withoutPosts).toBeLessThan(0.1 * creators.length);
    // organic likes saturate within a day or two: no honest post gains 30% of its likes after the first day
    expect(honest.flatMap((v) => fullyObserved(v)).filter((p) => lateLikeStep(p.obs) > 0.3)).toEqual([]);
  });

  it('engagement pods: a recurring set of accounts comments within the first hour', () => {
    const creators = withType('engagement_pod');
    expect(creators.length).toBeGreaterThan(5);
    for (const v of creators) {
      const posts = since(v.posts, 'posted_at', v.onsetMs as number, true).length;
      if (posts < 3) continue;
      expect(recurringFirstHourAuthors(v, v.onsetMs as number, 2), v.creatorId).toBeGreaterThanOrEqual(3);
      expect(recurringFirstHourAuthors(v, 0, 2) - recurringFirstHourAuthors(v, v.onsetMs as number, 2)).toBe(0);
    }
    for (const v of honest) expect(recurringFirstHourAuthors(v, 0, 2), v.creatorId).toBe(0);
  });

  it('bot comments: duplicated texts, emoji-only and off-language comments appear after the onset', () => {
    const creators = withType('bot_comments');
    expect(creators.length).toBeGreaterThan(5);
    for (const v of creators) {
      const after = since(v.comments, 'posted_at', v.onsetMs as number, true);
      const before = since(v.comments, 'posted_at', v.onsetMs as number, false);
      expect(repeatedTexts(after), v.creatorId).toBeGreaterThanOrEqual(2);
      expect(repeatedTexts(before), v.creatorId).toBe(0);
      if (after.length >= 50 && before.length >= 50) expect(commentSignals(after).emoji).toBeGreaterThan(commentSignals(before).emoji);
    }
    for (const v of honest) expect(repeatedTexts(v.comments), v.creatorId).toBe(0);
  });

  it('low-credibility audiences: sampled followers turn young, post-less and far away after the onset', () => {
    const creators = withType('low_credibility_audience');
    expect(creators.length).toBeGreaterThan(5);
    for (const v of creators) {
      // audiences are sampled every 30 days and onsets fall before the last 30 days: always a sample after
      const after = since(v.audience, 'sampled_at', v.onsetMs as number, true);
      expect(after.length, v.creatorId).toBeGreaterThan(0);
      expect(suspiciousFollowers(after), v.creatorId).toBeGreaterThan(0.3);
      const before = since(v.audience, 'sampled_at', v.onsetMs as number, false);
      if (before.length > 0 && !v.fraudTypes.includes('bought_followers')) expect(suspiciousFollowers(before)).toBeLessThan(0.35);
    }
    const honestShare = honest.map((v) => suspiciousFollowers(v.audience));
    expect(median(honestShare)).toBeLessThan(0.1);
  });

  it('honest creators have genuine viral spikes: likes and comments rise together, followers grow smoothly', () => {
    let viral = 0;
    for (const v of honest) {
      const posts = fullyObserved(v);
      if (posts.length < 5) continue;
      const engagement = posts.map((p) => ((p.obs[4] as Row).likes as number) + ((p.obs[4] as Row).comments as number));
      const typical = median(engagement);
      const ratio = likesPerComment(posts);
      for (const [i, p] of posts.entries()) {
        if ((engagement[i] as number) < 4 * typical) continue;
        viral++;
        const own = likesPerComment([p]);
        expect(own / ratio, v.creatorId).toBeGreaterThan(0.5);
        expect(own / ratio, v.creatorId).toBeLessThan(2);
      }
    }
    expect(viral).toBeGreaterThan(10);
  });
});
