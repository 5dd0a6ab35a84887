import { FRAUD_TYPES, type FraudType } from '../../sdk/contracts/index.ts';
import { sampleAudience } from './audience.ts';
import type { Brand } from './brands.ts';
import { AUDIENCE_EVERY_DAYS, LABEL_EVERY_DAYS } from './calibration.ts';
import { CampaignBook } from './campaigns.ts';
import { ENTITY, PURPOSE, SEQ, type WorldContext } from './context.ts';
import { hex8, idPrefix, seq, seqId } from './ids.ts';
import { PostMaker } from './post.ts';
import { Rng } from './prng.ts';
import { type CreatorProfile, drawFraud, drawProfile, type FraudPlan } from './profile.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time.ts';

/**
 * One creator, simulated a day at a time. Its state is a handful of numbers (followers, bought followers,
 * following, posts so far, a campaign), so a world of any size streams with memory proportional to the
 * number of creators, never to the number of events.
 */
export class CreatorSim {
  readonly profile: CreatorProfile;
  readonly fraud: FraudPlan | null;
  private real: number;
  private bought = 0;
  private following: number;
  private postsCount: number;
  private readonly viral: number[] = [];
  private readonly followRng: Rng;
  private readonly postRng: Rng;
  private readonly audienceRng: Rng;
  private readonly posts: PostMaker;
  private readonly campaigns: CampaignBook;
  private readonly keys: { snapshots: number; audience: number; followerId: number; labels: number };
  private snapshots = 0;
  private samples = 0;
  private labels = 0;
  private readonly snapshotPrefix: Uint8Array;
  private readonly audiencePrefix: Uint8Array;

  constructor(
    private readonly ctx: WorldContext,
    index: number,
    brands: readonly Brand[],
  ) {
    const seed = ctx.options.seed;
    this.profile = drawProfile(ctx, index);
    this.fraud = drawFraud(ctx, this.profile);
    const p = this.profile;
    this.real = p.followers0;
    this.following = p.following0;
    this.postsCount = Math.round(p.postRate * Math.min(p.accountAgeDays, 1500) * 0.6);
    this.followRng = Rng.from(seed, ENTITY.creator, index, PURPOSE.followers);
    this.postRng = Rng.from(seed, ENTITY.creator, index, PURPOSE.posts);
    this.audienceRng = Rng.from(seed, ENTITY.creator, index, PURPOSE.audience);
    this.posts = new PostMaker(
      ctx,
      p,
      this.fraud,
      Rng.from(seed, ENTITY.creator, index, PURPOSE.engagement),
      Rng.from(seed, ENTITY.creator, index, PURPOSE.comments),
    );
    this.campaigns = new CampaignBook(ctx, p, brands, Rng.from(seed, ENTITY.creator, index, PURPOSE.campaigns));
    const ids = ctx.ids;
    this.keys = {
      snapshots: ids.sequenceKey(SEQ.follower_snapshots, index),
      audience: ids.sequenceKey(SEQ.audience_samples, index),
      followerId: ids.sequenceKey(SEQ.follower_id, index),
      labels: ids.sequenceKey(SEQ.trust_labels, index),
    };
    this.snapshotPrefix = idPrefix(`fs-${p.code}-`);
    this.audiencePrefix = idPrefix(`as-${p.code}-`);
  }

  private active(day: number, type?: FraudType): boolean {
    const f = this.fraud;
    return f !== null && day >= f.onsetDay && (type === undefined || f.types.includes(type));
  }

  /** Share of all current followers that are fake. */
  fakeShare(day: number): number {
    const base = this.active(day, 'low_credibility_audience') ? (this.fraud as FraudPlan).lowCredShare : this.profile.fakeBase;
    return (this.bought + this.real * base) / (this.bought + this.real);
  }

  /** Simulates day `day` (0-based) and emits its events. */
  step(day: number): void {
    const dayMs = this.ctx.startMs + day * DAY_MS;
    if (day === 0) this.register(dayMs);
    this.label(day, dayMs);
    this.grow(day);
    this.post(day, dayMs);
    this.campaigns.step(day, {
      day,
      realFollowers: this.real,
      totalFollowers: this.real + this.bought,
      fakeShare: this.fakeShare(day),
    });
    if ((day + this.profile.index) % AUDIENCE_EVERY_DAYS === 0) this.sampleAudience(day, dayMs);
    this.snapshot(dayMs);
  }

  private register(dayMs: number): void {
    const { ctx, profile: p } = this;
    const ms = dayMs + p.registeredOffsetMs;
    ctx.emit('creators', ms, {
      event_id: `cr-${p.code}-${seq(ctx.ids.sequenceKey(SEQ.creators, p.index), 0)}`,
      creator_id: p.creatorId,
      registered_at: ms,
      handle: p.handle,
      platform: p.platform,
      tier: p.tier,
      niche: p.niche,
      country: p.country,
      language: p.language,
      account_created_on: ctx.time.date(ctx.startMs - p.accountAgeDays * DAY_MS),
      price_per_post_usd: p.pricePerPost,
    });
  }

  /** Ground truth at the start, every 30 days, at the fraud's onset and on the last day. */
  private label(day: number, dayMs: number): void {
    const f = this.fraud;
    const last = day === this.ctx.options.days - 1;
    if (day % LABEL_EVERY_DAYS === 0) this.writeLabel(dayMs);
    if (f !== null && day === f.onsetDay && day % LABEL_EVERY_DAYS !== 0) this.writeLabel(dayMs + f.onsetOffsetMs);
    if (last) this.writeLabel(dayMs + DAY_MS - 1);
  }

  private writeLabel(ms: number): void {
    const { ctx, profile: p, fraud: f } = this;
    const fraud = f !== null && ms >= ctx.startMs + f.onsetDay * DAY_MS + f.onsetOffsetMs;
    ctx.emit('trust_labels', ms, {
      event_id: `tl-${p.code}-${seq(this.keys.labels, this.labels++)}`,
      creator_id: p.creatorId,
      as_of: ms,
      is_fraud: fraud,
      fraud_types: fraud && f !== null ? FRAUD_TYPES.filter((t) => f.types.includes(t)) : [],
    });
  }

  /**
   * Followers and following for the day: organic growth with noise, the tail of viral bumps; a bought
   * batch arrives in one day and then decays as the platform purges it; follow/unfollow farming ramps
   * following up and drops it at the end of each cycle, with a few follow-backs.
   */
  private grow(day: number): void {
    const { profile: p, followRng: rng } = this;
    this.real = Math.max(50, this.real * (1 + p.growth + p.growthSigma * rng.normal()) + (this.viral.shift() ?? 0));
    const f = this.fraud;
    if (f !== null && this.active(day, 'bought_followers')) {
      this.bought *= 1 - f.boughtDecay;
      if (day === f.onsetDay) this.bought += (this.real + this.bought) * f.boughtJump;
      if (day === f.secondPurchaseDay) this.bought += (this.real + this.bought) * f.secondJump;
    }
    if (f !== null && this.active(day, 'follow_unfollow')) {
      const phase = ((day - f.onsetDay) % f.cyclePeriod) / f.cyclePeriod;
      const target = p.following0 + f.cycleAmplitude * (phase < 0.7 ? phase / 0.7 : (1 - phase) / 0.3);
      const gained = Math.max(0, target - this.following);
      this.real += gained * f.followBack;
      this.following = target * (1 + 0.01 * rng.normal());
    } else {
      this.following = Math.min(7500, Math.max(20, this.following * (1 + 0.004 * rng.normal())));
    }
  }

  private post(day: number, dayMs: number): void {
    const rng = this.postRng;
    const n = Math.min(4, rng.poisson(this.profile.postRate));
    if (n === 0) return;
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(dayMs + Math.floor(rng.range(6, 23.5) * HOUR_MS));
    times.sort((a, b) => a - b);
    for (const ms of times) {
      const effect = this.posts.make({
        ms,
        day,
        realFollowers: this.real,
        campaignId: this.campaigns.sponsoredCampaign(day),
        fraudActive: this.active(day),
      });
      this.postsCount++;
      if (effect.viralFollowers > 0) {
        const shares = [0.5, 0.3, 0.2];
        for (let k = 0; k < shares.length; k++) this.viral[k] = (this.viral[k] ?? 0) + effect.viralFollowers * (shares[k] as number);
      }
    }
  }

  private sampleAudience(day: number, dayMs: number): void {
    const { ctx, profile: p, audienceRng: rng } = this;
    const ms = dayMs + Math.floor(rng.range(1, 5) * HOUR_MS);
    for (const follower of sampleAudience(rng, this.fakeShare(day), p.country)) {
      const n = this.samples++;
      ctx.emit('audience_samples', ms, {
        event_id: seqId(this.audiencePrefix, this.keys.audience, n),
        creator_id: p.creatorId,
        sampled_at: ms,
        follower_id: `fl-${hex8(rng.u32())}${seq(this.keys.followerId, n)}`,
        has_avatar: follower.has_avatar,
        has_bio: follower.has_bio,
        followers: follower.followers,
        following: follower.following,
        posts: follower.posts,
        account_age_days: follower.account_age_days,
        country: follower.country,
      });
    }
  }

  private snapshot(dayMs: number): void {
    const { ctx, profile: p } = this;
    const ms = dayMs + 23 * HOUR_MS + 50 * MINUTE_MS + this.followRng.int(9 * MINUTE_MS);
    ctx.emit('follower_snapshots', ms, {
      event_id: seqId(this.snapshotPrefix, this.keys.snapshots, this.snapshots++),
      creator_id: p.creatorId,
      snapshot_date: ctx.time.date(dayMs),
      captured_at: ms,
      followers: Math.round(this.real + this.bought),
      following: Math.round(this.following),
      posts_count: this.postsCount,
    });
  }
}
