import type { EventType, Tier } from '../../sdk/contracts/index.ts';
import { ER_TARGETS, erBucket } from '../generator/calibration.ts';
import type { WorldOptions } from '../generator/options.ts';
import type { EventSink } from '../generator/world.ts';

/** A post's counters count as final once observed a week after posting (HypeAuditor's window). */
const FINAL_AFTER_MS = 168 * 3_600_000;

interface CreatorTally {
  tier: Tier;
  followers: number;
  snapshots: number;
  likes: number;
  comments: number;
  posts: number;
  fraud: boolean;
}

/** Measured vs target ER of one HypeAuditor follower bucket. */
export interface ErRow {
  readonly bucket: string;
  readonly target: number;
  readonly measured: number;
  /** Creators whose average followers fall in the bucket (and with at least one final post). */
  readonly creators: number;
}

/** Measured vs configured share of fraudulent creators in one tier. */
export interface FraudRow {
  readonly tier: Tier;
  readonly configured: number;
  readonly measured: number;
  readonly creators: number;
  /** Two binomial standard deviations of the configured rate at this many creators. */
  readonly twoSigma: number;
}

export interface CalibrationTable {
  readonly er: readonly ErRow[];
  readonly fraud: readonly FraudRow[];
}

const NEEDED: ReadonlySet<EventType> = new Set(['creators', 'follower_snapshots', 'engagement_observations', 'trust_labels']);

/**
 * A sink that measures a world from its raw lines, as an analyst would, keeping a few numbers per creator
 * (never the events): ER per creator = (average likes + average comments) / average followers over posts
 * observed a full week, averaged per HypeAuditor follower bucket; fraud = the creator's last trust label.
 * It reads only the files' contents, nothing of the generator's hidden state.
 *
 * @example
 * const sink = calibrationSink();
 * await generateWorld(worldOptions('s', 42), sink);
 * sink.table(worldOptions('s', 42)).er[0]; // { bucket: '1k-5k', target: 0.0426, measured: 0.043…, creators: … }
 */
export function calibrationSink(): EventSink & { table(options: WorldOptions): CalibrationTable } {
  const creators = new Map<string, CreatorTally>();
  const tally = (id: string): CreatorTally => {
    const t = creators.get(id);
    if (t === undefined) throw new Error(`event for creator '${id}' before its registration`);
    return t;
  };
  return {
    write(type, lines) {
      if (!NEEDED.has(type) || lines.length === 0) return;
      for (const line of lines.toString('utf8').split('\n')) {
        if (line === '') continue;
        const r = JSON.parse(line) as Record<string, unknown>;
        const id = r.creator_id as string;
        if (type === 'creators') {
          creators.set(id, { tier: r.tier as Tier, followers: 0, snapshots: 0, likes: 0, comments: 0, posts: 0, fraud: false });
        } else if (type === 'follower_snapshots') {
          const t = tally(id);
          t.followers += r.followers as number;
          t.snapshots++;
        } else if (type === 'engagement_observations') {
          if (Date.parse(r.observed_at as string) - Date.parse(r.posted_at as string) < FINAL_AFTER_MS) continue;
          const t = tally(id);
          t.likes += r.likes as number;
          t.comments += r.comments as number;
          t.posts++;
        } else {
          // labels arrive in time order: the last one seen is the latest
          tally(id).fraud = r.is_fraud === true;
        }
      }
    },
    table(options) {
      const er = new Map<string, { sum: number; n: number }>();
      const fraud = new Map<Tier, { frauds: number; n: number }>();
      for (const t of creators.values()) {
        const f = fraud.get(t.tier) ?? { frauds: 0, n: 0 };
        f.n++;
        if (t.fraud) f.frauds++;
        fraud.set(t.tier, f);
        if (t.posts === 0 || t.snapshots === 0) continue;
        const followers = t.followers / t.snapshots;
        const bucket = erBucket(followers).bucket;
        const e = er.get(bucket) ?? { sum: 0, n: 0 };
        e.sum += (t.likes / t.posts + t.comments / t.posts) / followers;
        e.n++;
        er.set(bucket, e);
      }
      const prevalence = options.fraudPrevalence;
      return {
        er: ER_TARGETS.map((b) => {
          const e = er.get(b.bucket) ?? { sum: 0, n: 0 };
          return { bucket: b.bucket, target: b.er, measured: e.n === 0 ? Number.NaN : e.sum / e.n, creators: e.n };
        }),
        fraud: (Object.keys(prevalence) as Tier[]).map((tier) => {
          const f = fraud.get(tier) ?? { frauds: 0, n: 0 };
          const p = prevalence[tier];
          return {
            tier,
            configured: p,
            measured: f.n === 0 ? Number.NaN : f.frauds / f.n,
            creators: f.n,
            twoSigma: f.n === 0 ? Number.NaN : 2 * Math.sqrt((p * (1 - p)) / f.n),
          };
        }),
      };
    },
  };
}
