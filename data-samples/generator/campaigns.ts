import type { KpiMetric, Objective } from '../../sdk/contracts/index.ts';
import type { Brand } from './brands.ts';
import { CPM_USD, erAt, erBucket, REACH } from './calibration.ts';
import { SEQ, type WorldContext } from './context.ts';
import { seq } from './ids.ts';
import type { Rng } from './prng.ts';
import { type CreatorProfile, priceNormOf } from './profile.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

/** The creator's state at booking time that campaign success depends on. */
export interface BookingState {
  readonly day: number;
  readonly realFollowers: number;
  /** Share of all followers that are fake (bought, farmed): they see nothing and buy nothing. */
  readonly fakeShare: number;
  readonly totalFollowers: number;
}

interface Flight {
  readonly index: number;
  readonly campaignId: string;
  readonly startDay: number;
  readonly endDay: number;
  readonly posts: number;
  readonly budget: number;
  readonly metric: KpiMetric;
  readonly target: number;
  /** Per flight day: impressions, engagements, clicks, conversions, revenue. */
  readonly daily: readonly (readonly [number, number, number, number, number])[];
  readonly lateRevenueFactor: number;
  readonly maturedMs: number;
}

const OBJECTIVE_METRIC: Readonly<Record<Objective, KpiMetric>> = Object.freeze({
  awareness: 'cpm',
  consideration: 'cpe',
  conversion: 'roas',
});
const OBJECTIVES: readonly Objective[] = ['awareness', 'consideration', 'conversion'];

/**
 * One creator's campaigns: bookings, daily results reported the next morning, and the outcome once the
 * attribution window has closed. Success is driven by hidden factors (true audience quality, audience–brand
 * fit, niche match, price against the tier norm, engagement trend) and noise; none is written anywhere.
 */
export class CampaignBook {
  private active: Flight | null = null;
  private readonly maturing: Flight[] = [];
  private n = 0;
  private results = 0;
  private sponsoredLeft = 0;
  private readonly keys: { campaign: number; campaignId: number; results: number; outcomes: number };

  constructor(
    private readonly ctx: WorldContext,
    private readonly p: CreatorProfile,
    private readonly brands: readonly Brand[],
    private readonly rng: Rng,
  ) {
    const ids = ctx.ids;
    this.keys = {
      campaign: ids.sequenceKey(SEQ.campaigns, p.index),
      campaignId: ids.sequenceKey(SEQ.campaign_id, p.index),
      results: ids.sequenceKey(SEQ.campaign_results, p.index),
      outcomes: ids.sequenceKey(SEQ.campaign_outcomes, p.index),
    };
  }

  /** The campaign a post made today should name, while sponsored posts are still owed. */
  sponsoredCampaign(day: number): string | null {
    const f = this.active;
    if (f === null || day < f.startDay || day > f.endDay || this.sponsoredLeft <= 0) return null;
    this.sponsoredLeft--;
    return f.campaignId;
  }

  step(day: number, state: BookingState): void {
    const f = this.active;
    if (f !== null && day >= f.startDay + 1 && day <= f.endDay + 1) this.report(f, day);
    if (f !== null && day > f.endDay + 1) {
      this.maturing.push(f);
      this.active = null;
    }
    for (let i = this.maturing.length - 1; i >= 0; i--) {
      const m = this.maturing[i] as Flight;
      if (m.maturedMs < this.ctx.startMs + (day + 1) * DAY_MS) {
        this.outcome(m);
        this.maturing.splice(i, 1);
      }
    }
    if (this.active === null && this.rng.chance(1 / 45)) this.book(day, state);
  }

  private book(day: number, state: BookingState): void {
    const { ctx, p, rng } = this;
    const sameNiche = this.brands.filter((b) => b.category === p.niche);
    const brand = sameNiche.length > 0 && rng.chance(0.6) ? rng.pick(sameNiche) : rng.pick(this.brands);
    const objective = rng.pick(OBJECTIVES);
    const metric = OBJECTIVE_METRIC[objective];
    const posts = 1 + rng.int(3);
    const price = Math.max(5, Math.round(priceNormOf(state.totalFollowers, p.platform) * p.priceRatio));
    const budget = Math.round(price * posts * rng.range(0.9, 1.3) * 100) / 100;
    const startDay = day + 3 + rng.int(8);
    const duration = 7 + rng.int(15);
    const endDay = startDay + duration - 1;
    // Brands set targets from market norms for the creator's platform and size, not from the creator.
    const target =
      metric === 'cpm'
        ? CPM_USD[p.platform] * rng.range(0.8, 1.3)
        : metric === 'cpe'
          ? ((CPM_USD[p.platform] * REACH[p.platform]) / 1000 / erBucket(state.totalFollowers).er) * rng.range(0.9, 1.5)
          : rng.range(0.8, 2.2);

    // Hidden factors of success.
    const quality = 1 - state.fakeShare;
    const fit = brand.country === p.country ? 1 : brand.language === p.language ? 0.75 : 0.5;
    const niche = brand.category === p.niche ? 1 : 0.45;
    const trend = Math.exp(p.trend * (startDay + duration / 2));
    const noise = rng.noise(0.35);
    const impressions = state.totalFollowers * quality * REACH[p.platform] * posts * trend * noise;
    const engagements = state.realFollowers * erAt(state.realFollowers) * p.erSpread * posts * trend * Math.sqrt(niche) * rng.noise(0.3);
    const clicks = impressions * 0.015 * fit * niche * rng.noise(0.3);
    const conversions = clicks * 0.06 * fit * (0.5 + 0.5 * niche) * rng.noise(0.3);
    const revenue = conversions * brand.orderValue;
    const weights = Array.from({ length: duration }, (_, k) => Math.exp(-k / 3) + 0.2);
    const sum = weights.reduce((a, b) => a + b, 0);
    const daily = weights.map((w) => {
      const share = (w / sum) * rng.noise(0.15);
      return [impressions * share, engagements * share, clicks * share, conversions * share, revenue * share] as const;
    });
    const n = this.n++;
    const campaignId = `cp-${p.code}-${seq(this.keys.campaignId, n)}`;
    const bookedMs = ctx.startMs + day * DAY_MS + Math.floor(rng.range(9, 18) * HOUR_MS);
    const maturedMs = ctx.startMs + (endDay + 1 + ctx.options.maturityDays) * DAY_MS + Math.floor(rng.range(10, 14) * HOUR_MS);
    this.active = {
      index: n,
      campaignId,
      startDay,
      endDay,
      posts,
      budget,
      metric,
      target,
      daily,
      lateRevenueFactor: rng.range(1.1, 1.35),
      maturedMs,
    };
    this.sponsoredLeft = posts;
    ctx.emit('campaigns', bookedMs, {
      event_id: `cp-${p.code}-${seq(this.keys.campaign, n)}`,
      campaign_id: campaignId,
      brand_id: brand.brandId,
      creator_id: p.creatorId,
      booked_at: bookedMs,
      objective,
      budget_usd: budget,
      start_date: ctx.time.date(ctx.startMs + startDay * DAY_MS),
      end_date: ctx.time.date(ctx.startMs + endDay * DAY_MS),
      kpi_metric: metric,
      kpi_target: Math.round(target * 100) / 100,
    });
  }

  /** Yesterday's delivery, reported this morning. */
  private report(f: Flight, day: number): void {
    const { ctx, p, rng } = this;
    const d = f.daily[day - 1 - f.startDay] as readonly [number, number, number, number, number];
    const ms = ctx.startMs + day * DAY_MS + Math.floor(rng.range(6, 8) * HOUR_MS);
    ctx.emit('campaign_results', ms, {
      event_id: `rs-${p.code}-${seq(this.keys.results, this.results++)}`,
      campaign_id: f.campaignId,
      creator_id: p.creatorId,
      result_date: ctx.time.date(ctx.startMs + (day - 1) * DAY_MS),
      reported_at: ms,
      impressions: Math.round(d[0]),
      engagements: Math.round(d[1]),
      clicks: Math.round(d[2]),
      conversions: Math.round(d[3]),
      revenue_usd: Math.round(d[4] * 100) / 100,
    });
  }

  /** The final figures, late conversions included, once attribution has closed. */
  private outcome(f: Flight): void {
    const { ctx, p } = this;
    let impressions = 0;
    let engagements = 0;
    let revenue = 0;
    for (const d of f.daily) {
      impressions += Math.round(d[0]);
      engagements += Math.round(d[1]);
      revenue += Math.round(d[4] * 100) / 100;
    }
    const roas = (revenue * f.lateRevenueFactor) / f.budget;
    const value =
      f.metric === 'cpm' ? (f.budget / Math.max(1, impressions)) * 1000 : f.metric === 'cpe' ? f.budget / Math.max(1, engagements) : roas;
    const met = f.metric === 'roas' ? value >= f.target : value <= f.target;
    ctx.emit('campaign_outcomes', f.maturedMs, {
      event_id: `co-${p.code}-${seq(this.keys.outcomes, f.index)}`,
      campaign_id: f.campaignId,
      creator_id: p.creatorId,
      matured_at: f.maturedMs,
      kpi_met: met,
      kpi_value: Math.round(value * 10000) / 10000,
      roas: Math.round(roas * 10000) / 10000,
    });
  }
}
