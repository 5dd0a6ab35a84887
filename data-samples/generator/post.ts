import type { PostType } from '../../sdk/contracts/index.ts';
import { BASE_ER_FACTOR, erAt, FIRST_HOUR_PAGE, LATER_SAMPLE, OBSERVATION_HOURS, POST_ER_SIGMA, VIRAL_CHANCE } from './calibration.ts';
import { ENTITY, SEQ, type WorldContext } from './context.ts';
import { hex8, Id, idPrefix, seqId } from './ids.ts';
import { fmix32, mixKey, type Rng } from './prng.ts';
import type { CreatorProfile, FraudPlan } from './profile.ts';
import { HOUR_MS, MINUTE_MS } from './time.ts';
import { GENERIC_HASHTAGS, HASHTAGS, LANGUAGES, POST_TYPE_MIX, VIDEO_TYPES } from './vocab.ts';

/** What the creator's state contributes to one post. */
export interface PostInput {
  readonly ms: number;
  readonly day: number;
  /** Followers who are not bought: engagement comes from them. */
  readonly realFollowers: number;
  readonly campaignId: string | null;
  readonly fraudActive: boolean;
}

/** What a post did to the creator's state. */
export interface PostEffect {
  /** Followers a viral post brings over the next three days (0 when not viral). */
  readonly viralFollowers: number;
}

/** Emoji-only comments of real fans repeat ("❤️", "🔥"): a small shared pool of their hashes. */
const COMMON_EMOJI = Array.from({ length: 12 }, (_, i) => hex8(fmix32(0xe0 + i)));
/** Comment authors are `au-` and eight hex digits, printed without building the string. */
const AUTHOR = idPrefix('au-');
/** A text hash is eight hex digits alone. */
const HASH = idPrefix('');
const DECAY_HOURS = 168;
const BOT_MEAN_HOURS = 3;

type Category = 0 | 1 | 2; // organic, pod, bot

/**
 * Makes one creator's posts: the post event, five bitemporal observations of its counters, and the sampled
 * comments. Organic engagement saturates (1 − e^(−t/τ)); pods act in the first hour; bought likes land in one
 * step a day or more after posting; bot comments come fast, duplicated, often emoji-only or off-language.
 */
export class PostMaker {
  private n = 0;
  private comments = 0;
  private readonly postKey: number;
  private readonly postIdKey: number;
  private readonly obsKey: number;
  private readonly commentKey: number;
  private readonly commentIdKey: number;
  private readonly podKey: number;
  private readonly botKey: number;
  private readonly podTaken: number[] = [];
  private readonly postPrefix: Uint8Array;
  private readonly obsPrefix: Uint8Array;
  private readonly commentPrefix: Uint8Array;

  constructor(
    private readonly ctx: WorldContext,
    private readonly p: CreatorProfile,
    private readonly fraud: FraudPlan | null,
    private readonly rng: Rng,
    private readonly commentRng: Rng,
  ) {
    const ids = ctx.ids;
    this.postKey = ids.sequenceKey(SEQ.posts, p.index);
    this.postIdKey = ids.sequenceKey(SEQ.post_id, p.index);
    this.obsKey = ids.sequenceKey(SEQ.engagement_observations, p.index);
    this.commentKey = ids.sequenceKey(SEQ.comments, p.index);
    this.commentIdKey = ids.sequenceKey(SEQ.comment_id, p.index);
    this.podKey = mixKey(ids.sequenceKey(ENTITY.pod, p.index));
    this.botKey = mixKey(ids.sequenceKey(ENTITY.bots, p.index));
    this.postPrefix = idPrefix(`po-${p.code}-`);
    this.obsPrefix = idPrefix(`eo-${p.code}-`);
    this.commentPrefix = idPrefix(`cm-${p.code}-`);
  }

  private has(type: FraudPlan['types'][number], active: boolean): boolean {
    return active && this.fraud?.types.includes(type) === true;
  }

  make(input: PostInput): PostEffect {
    const { ctx, p, rng } = this;
    const n = this.n++;
    const postId = seqId(this.postPrefix, this.postIdKey, n);
    const mix = POST_TYPE_MIX[p.platform];
    const postType = (mix[rng.weighted(mix.map((m) => m[1]))] as readonly [PostType, number])[0];
    const tags = HASHTAGS[p.niche];
    const hashtags: string[] = [];
    const nTags = rng.int(6);
    for (let i = 0; i < nTags; i++) {
      const tag = rng.chance(0.7) ? rng.pick(tags) : rng.pick(GENERIC_HASHTAGS);
      if (!hashtags.includes(tag)) hashtags.push(tag);
    }
    const postedAt = input.ms;
    ctx.emit('posts', input.ms, {
      event_id: seqId(this.postPrefix, this.postKey, n),
      post_id: postId,
      creator_id: p.creatorId,
      posted_at: postedAt,
      post_type: postType,
      caption_length: Math.round(120 * rng.noise(0.8)),
      hashtags,
      is_sponsored: input.campaignId !== null,
      campaign_id: input.campaignId,
    });

    // Organic engagement from real followers; a viral post multiplies likes and comments alike.
    const viral = rng.chance(VIRAL_CHANCE) ? 3 + Math.exp(1.2 + 0.5 * rng.normal()) : 1;
    const engagement =
      input.realFollowers *
      erAt(input.realFollowers) *
      BASE_ER_FACTOR *
      p.erSpread *
      Math.exp(p.trend * input.day) *
      rng.noise(POST_ER_SIGMA) *
      viral;
    const likes = engagement * (1 - p.commentShare);
    const comments = engagement * p.commentShare;
    const fraud = this.fraud;
    const pod = this.has('engagement_pod', input.fraudActive) && fraud !== null ? binomial(rng, fraud.podSize, fraud.podParticipation) : 0;
    const bots =
      this.has('bot_comments', input.fraudActive) && fraud !== null
        ? Math.round(Math.max(3, comments * fraud.botRate * rng.noise(0.3)))
        : 0;
    const boughtLikes =
      this.has('bought_likes', input.fraudActive) && fraud !== null && rng.chance(fraud.boughtLikesChance)
        ? Math.round(likes * rng.range(1, 3) + rng.range(20, 200))
        : 0;
    const boughtAt = rng.range(26, 70);
    const tau = rng.range(4, 12);
    const tauC = tau * 1.5;
    const video = VIDEO_TYPES.has(postType);
    const views = video ? likes / p.likesPerView : 0;
    for (let i = 0; i < OBSERVATION_HOURS.length; i++) {
      const hours = (OBSERVATION_HOURS[i] as number) + rng.range(0, 10) / 60;
      const f = saturate(hours, tau);
      const ms = input.ms + Math.round(hours * HOUR_MS);
      ctx.emit('engagement_observations', ms, {
        event_id: seqId(this.obsPrefix, this.obsKey, n * 8 + i),
        post_id: postId,
        creator_id: p.creatorId,
        posted_at: postedAt,
        observed_at: ms,
        likes: Math.round(likes * f) + pod + (hours >= boughtAt ? boughtLikes : 0),
        comments: Math.round(comments * saturate(hours, tauC)) + pod + Math.round(bots * (1 - Math.exp(-hours / BOT_MEAN_HOURS))),
        shares: Math.round(likes * p.shareRate * f),
        saves: Math.round(likes * p.saveRate * f),
        views: video ? Math.round(views * f) : null,
      });
    }
    this.sampleComments(input, postId, comments, tauC, pod, bots);
    return { viralFollowers: viral > 1 ? input.realFollowers * rng.range(0.005, 0.03) * Math.min(2, viral / 6) : 0 };
  }

  /**
   * The comments a collector keeps: a page of first-hour comments (where pods show up) and a few later ones.
   * Each slot is filled from organic, pod or bot comments in proportion to how many of each remain.
   */
  private sampleComments(input: PostInput, postId: Id, organic: number, tauC: number, pod: number, bots: number): void {
    const firstOrganic = Math.round(organic * saturate(1, tauC));
    const firstBots = Math.round(bots * (1 - Math.exp(-1 / BOT_MEAN_HOURS)));
    const first: [number, number, number] = [firstOrganic, pod, firstBots];
    const later: [number, number, number] = [Math.max(0, Math.round(organic) - firstOrganic), 0, bots - firstBots];
    this.podTaken.length = 0;
    this.fill(input, postId, first, FIRST_HOUR_PAGE, true);
    this.fill(input, postId, later, LATER_SAMPLE, false);
  }

  private fill(input: PostInput, postId: Id, left: [number, number, number], page: number, firstHour: boolean): void {
    const rng = this.commentRng;
    let total = left[0] + left[1] + left[2];
    const k = Math.min(page, total);
    for (let i = 0; i < k; i++) {
      let x = rng.float() * total;
      let cat: Category = 0;
      if (x >= left[0]) {
        x -= left[0];
        cat = x < left[1] ? 1 : 2;
      }
      left[cat]--;
      total--;
      this.comment(input, postId, cat, firstHour);
    }
  }

  private comment(input: PostInput, postId: Id, cat: Category, firstHour: boolean): void {
    const { ctx, p } = this;
    const rng = this.commentRng;
    const fraud = this.fraud as FraudPlan;
    let delayMs: number;
    let author: Id;
    let hash: string | Id;
    let emoji: boolean;
    let language = p.language;
    let length: number;
    if (cat === 1) {
      // a pod member, each at most once per post, within the first hour
      let m = rng.int(fraud.podSize);
      while (this.podTaken.includes(m)) m = (m + 1) % fraud.podSize;
      this.podTaken.push(m);
      author = new Id(AUTHOR, fmix32((m ^ this.podKey) >>> 0));
      delayMs = Math.round(rng.range(1, 59) * MINUTE_MS);
      emoji = rng.chance(0.15);
      hash = emoji ? rng.pick(COMMON_EMOJI) : new Id(HASH, rng.u32());
      length = emoji ? 1 + rng.int(4) : Math.round(25 * rng.noise(0.5));
    } else if (cat === 2) {
      author = new Id(AUTHOR, fmix32((rng.int(fraud.botPool) ^ this.botKey) >>> 0));
      delayMs = firstHour ? Math.round(rng.range(0.5, 60) * MINUTE_MS) : HOUR_MS + Math.round(rng.exp(BOT_MEAN_HOURS) * HOUR_MS);
      emoji = rng.chance(0.5);
      hash = emoji ? rng.pick(COMMON_EMOJI) : rng.pick(fraud.botTexts);
      if (rng.chance(0.6)) language = pickOther(rng, p.language);
      length = emoji ? 1 + rng.int(6) : 3 + rng.int(12);
    } else {
      author = new Id(AUTHOR, rng.u32());
      delayMs = firstHour ? Math.round(rng.range(0.5, 60) * MINUTE_MS) : HOUR_MS + Math.round(Math.min(167, rng.exp(tauOfLater)) * HOUR_MS);
      emoji = rng.chance(0.08);
      hash = emoji ? rng.pick(COMMON_EMOJI) : new Id(HASH, rng.u32());
      const r = rng.float();
      if (r < 0.1) language = 'en';
      else if (r < 0.15) language = rng.pick(LANGUAGES);
      length = emoji ? 1 + rng.int(4) : Math.max(2, Math.round(45 * rng.noise(0.7)));
    }
    if (firstHour && delayMs >= HOUR_MS) delayMs = HOUR_MS - MINUTE_MS;
    const ms = input.ms + delayMs;
    const c = this.comments++;
    ctx.emit('comments', ms, {
      event_id: seqId(this.commentPrefix, this.commentKey, c),
      comment_id: seqId(this.commentPrefix, this.commentIdKey, c),
      post_id: postId,
      creator_id: p.creatorId,
      author_id: author,
      posted_at: ms,
      text_hash: hash,
      is_emoji_only: emoji,
      language,
      length,
    });
  }
}

/** Mean delay (hours) of organic comments after the first hour. */
const tauOfLater = 10;

/** Share of a post's final organic engagement present `hours` after posting (1 at a week). */
function saturate(hours: number, tau: number): number {
  return Math.min(1, (1 - Math.exp(-hours / tau)) / (1 - Math.exp(-DECAY_HOURS / tau)));
}

function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.float() < p) k++;
  return k;
}

function pickOther(rng: Rng, language: string): string {
  let l = rng.pick(LANGUAGES);
  while (l === language) l = rng.pick(LANGUAGES);
  return l;
}
