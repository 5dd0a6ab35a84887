import { describe, expect, it } from 'vitest';
import { calibrationSink } from '../../data-samples/calibration/index.ts';
import { ER_TARGETS, generateWorld, MASS_FOLLOWING, type WorldOptions, worldOptions } from '../../data-samples/generator/index.ts';
import { creatorViews, engagementRates, erByBucket, groupBy, mean, type Row } from './measure.ts';
import { WIDE, worldRows } from './world.ts';

/** Final trust label per creator (the last as_of). */
function finalLabels(rows: Record<string, Row[]>): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const l of rows.trust_labels ?? []) out.set(l.creator_id as string, l);
  return out;
}

function fraudRateByTier(rows: Record<string, Row[]>): Map<string, { rate: number; n: number }> {
  const labels = finalLabels(rows);
  const out = new Map<string, { rate: number; n: number }>();
  for (const [tier, creators] of groupBy(rows.creators ?? [], (c) => c.tier as string)) {
    out.set(tier, { rate: mean(creators.map((c) => (labels.get(c.creator_id as string)?.is_fraud ? 1 : 0))), n: creators.length });
  }
  return out;
}

/** Measures a world from its raw lines, streaming (no rows kept): for worlds too big to hold in memory. */
async function measured(options: WorldOptions) {
  const sink = calibrationSink();
  await generateWorld(options, sink);
  return sink.table(options);
}

/** Fraud at default prevalence with a thousand creators per tier: a binomial σ of 1–1.6 points. */
const EVEN = worldOptions('s', 31, { creators: 5000, days: 3, tierMix: { nano: 1, micro: 1, mid: 1, macro: 1, mega: 1 } });

// each test generates (or reuses) a world of hundreds of creators: seconds, more on a loaded machine
describe('calibration against public figures', { timeout: 120_000 }, () => {
  it('measures ER per follower bucket within ±25% of HypeAuditor averages over a 120-day history (scale m)', async () => {
    // a long history matters: creators grow across bucket edges, which a short one hides
    const table = await measured(worldOptions('m', 20240101));
    expect(table.er.map((b) => b.bucket)).toEqual(ER_TARGETS.map((b) => b.bucket));
    for (const b of table.er) {
      expect(b.creators, `${b.bucket} creators`).toBeGreaterThanOrEqual(50);
      expect(b.measured / b.target, `${b.bucket}: measured ${b.measured.toFixed(4)} vs ${b.target}`).toBeGreaterThan(0.75);
      expect(b.measured / b.target, `${b.bucket}: measured ${b.measured.toFixed(4)} vs ${b.target}`).toBeLessThan(1.25);
    }
    // engagement falls with size, as in the published table
    expect(table.er[0]?.measured).toBeGreaterThan(2 * (table.er[2]?.measured ?? 1));
  });

  it('measures the same ER table streaming as from the rows (the calibration script reports what the tests check)', async () => {
    const rows = await worldRows(WIDE);
    const fromRows = erByBucket(engagementRates(rows.follower_snapshots, rows.engagement_observations));
    const streamed = (await measured(WIDE)).er;
    expect(streamed.map((b) => [b.bucket, b.creators])).toEqual(fromRows.map((b) => [b.bucket, b.creators]));
    for (const [i, b] of streamed.entries()) expect(b.measured).toBeCloseTo(fromRows[i]?.measured as number, 12);
    for (const b of fromRows) {
      expect(b.measured / b.target, `${b.bucket}: measured ${b.measured.toFixed(4)} vs ${b.target}`).toBeGreaterThan(0.75);
      expect(b.measured / b.target, `${b.bucket}: measured ${b.measured.toFixed(4)} vs ${b.target}`).toBeLessThan(1.25);
    }
  });

  it('plants fraud with the default prevalence per tier, within 3σ on a thousand creators each: micro most, mega least', async () => {
    const rates = fraudRateByTier(await worldRows(EVEN));
    const defaults = EVEN.fraudPrevalence;
    expect([...rates.keys()].sort()).toEqual(Object.keys(defaults).sort());
    for (const [tier, { rate, n }] of rates) {
      const p = defaults[tier as keyof typeof defaults];
      expect(n, tier).toBeGreaterThan(900);
      expect(Math.abs(rate - p), `${tier}: ${rate.toFixed(3)} of ${n} vs ${p}`).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / n));
    }
    const order = ['micro', 'nano', 'mid', 'macro', 'mega'].map((t) => rates.get(t)?.rate ?? Number.NaN);
    for (let i = 1; i < order.length; i++) expect(order[i - 1]).toBeGreaterThan(order[i] as number);
  });

  it('follows a configured prevalence per tier', async () => {
    const fraudPrevalence = { nano: 0.5, micro: 0.9, mid: 0.2, macro: 0.05, mega: 0 };
    const rates = fraudRateByTier(await worldRows(worldOptions('s', 3, { creators: 600, days: 20, fraudPrevalence })));
    expect(rates.get('mega')?.rate).toBe(0);
    for (const [tier, { rate, n }] of rates) {
      const p = fraudPrevalence[tier as keyof typeof fraudPrevalence];
      expect(Math.abs(rate - p), `${tier}: ${rate.toFixed(3)} of ${n} vs ${p}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 0.01);
    }
  });

  it('gives real audiences about one mass follower (following > 1,500) in ten, fake ones far more', async () => {
    const rows = await worldRows(WIDE);
    const views = [...creatorViews(rows).values()];
    const honest = views.filter((v) => v.onsetMs === null).flatMap((v) => v.audience);
    const young = honest.filter((a) => (a.account_age_days as number) < 200 && (a.posts as number) < 10);
    const massShare = (xs: Row[]) => mean(xs.map((a) => ((a.following as number) > MASS_FOLLOWING ? 1 : 0)));
    expect(massShare(honest)).toBeGreaterThan(0.08);
    expect(massShare(honest)).toBeLessThan(0.3);
    expect(massShare(young)).toBeGreaterThan(0.7);
  });
});

describe('campaign outcomes', { timeout: 120_000 }, () => {
  it('are known only after the attribution window past the campaign end', async () => {
    const rows = await worldRows(WIDE);
    const campaigns = new Map(rows.campaigns.map((c) => [c.campaign_id as string, c]));
    expect(rows.campaign_outcomes.length).toBeGreaterThan(50);
    for (const o of rows.campaign_outcomes) {
      const c = campaigns.get(o.campaign_id as string) as Row;
      const end = Date.parse(`${c.end_date as string}T00:00:00Z`);
      expect(Date.parse(o.matured_at as string) - end).toBeGreaterThanOrEqual((WIDE.maturityDays + 1) * 86_400_000);
    }
    // campaigns whose window has not closed have no outcome yet
    const last = Date.parse(`${WIDE.start}T00:00:00Z`) + WIDE.days * 86_400_000;
    const open = rows.campaigns.filter(
      (c) => Date.parse(`${c.end_date as string}T00:00:00Z`) + (WIDE.maturityDays + 1) * 86_400_000 >= last,
    );
    const known = new Set(rows.campaign_outcomes.map((o) => o.campaign_id));
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((c) => known.has(c.campaign_id))).toEqual([]);
  });

  it('depend on hidden factors: niche match and a genuine audience pay off', async () => {
    const rows = await worldRows(worldOptions('s', 5, { creators: 700, days: 75 }));
    const creators = new Map(rows.creators.map((c) => [c.creator_id as string, c]));
    const brands = new Map(rows.brands.map((b) => [b.brand_id as string, b]));
    const campaigns = new Map(rows.campaigns.map((c) => [c.campaign_id as string, c]));
    const labels = finalLabels(rows);
    const onset = new Map<string, string>();
    for (const l of rows.trust_labels)
      if (l.is_fraud && !onset.has(l.creator_id as string)) onset.set(l.creator_id as string, l.as_of as string);
    const outcomes = rows.campaign_outcomes.map((o) => {
      const c = campaigns.get(o.campaign_id as string) as Row;
      const creator = creators.get(c.creator_id as string) as Row;
      const brand = brands.get(c.brand_id as string) as Row;
      const fraud = (labels.get(creator.creator_id as string)?.fraud_types as string[]) ?? [];
      return {
        roas: o.roas as number,
        met: o.kpi_met as boolean,
        niche: brand.category === creator.niche,
        fake:
          (fraud.includes('bought_followers') || fraud.includes('low_credibility_audience')) &&
          (onset.get(creator.creator_id as string) as string) <= (c.booked_at as string),
      };
    });
    const roas = (xs: typeof outcomes) => mean(xs.map((x) => x.roas));
    expect(roas(outcomes.filter((x) => x.niche))).toBeGreaterThan(1.5 * roas(outcomes.filter((x) => !x.niche)));
    expect(roas(outcomes.filter((x) => !x.fake))).toBeGreaterThan(1.2 * roas(outcomes.filter((x) => x.fake)));
    const met = mean(outcomes.map((x) => (x.met ? 1 : 0)));
    expect(met).toBeGreaterThan(0.2);
    expect(met).toBeLessThan(0.7);
  });
});
