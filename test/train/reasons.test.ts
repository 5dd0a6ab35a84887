import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REASON_TEMPLATES } from '../../features/reasons.ts';
import { createTrackingClient } from '../../sdk/mlflow/index.ts';
import {
  type EnsembleSpec,
  formatValue,
  type LabelledFrame,
  type Matrix,
  predictEnsemble,
  predictGbdtRaw,
  reasonCodes,
  renderTemplate,
  runExperiment,
  seeded,
  trainEnsemble,
  trainGbdt,
  treeContributions,
} from '../../sdk/train/index.ts';

const NAMES = ['follower_z_zscore_7d', 'duplicate_share_28d', 'noise_a', 'noise_b'];

/** Seeded frame: the label follows the follower z-score alone; the other three columns are noise. */
function frame(n: number, seed: number): { x: Matrix; y: Float64Array } {
  const rand = seeded(seed);
  const F = NAMES.length;
  const values = new Float64Array(n * F);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fraud = rand() < 0.2;
    values[i * F] = (fraud ? 6 : 0) + rand() * 2 - 1;
    values[i * F + 1] = rand() * 0.3;
    values[i * F + 2] = rand();
    values[i * F + 3] = rand() < 0.1 ? Number.NaN : rand() * 10;
    y[i] = fraud ? 1 : 0;
  }
  return { x: { rows: n, cols: F, values }, y };
}

const spec: EnsembleSpec = {
  folds: 2,
  seed: 5,
  classWeight: 'balanced',
  gbdt: { numRounds: 40, learningRate: 0.2, numLeaves: 7, minDataInLeaf: 5, earlyStoppingRounds: 10 },
  logistic: { l2: 1 },
  mlp: { hidden: [8], epochs: 5 },
  meta: { l2: 0.1 },
  calibration: 'platt',
};

describe('tree path attribution', () => {
  it('credits plus the expected score add up to each row’s raw score, and the driving feature takes the credit', () => {
    const { x, y } = frame(600, 1);
    const model = trainGbdt(x, y, { params: { numRounds: 30, numLeaves: 7, minDataInLeaf: 5 } });
    const credits = treeContributions(model, x);
    const raw = predictGbdtRaw(model, x);
    // The expected score (sum of root expectations) is the same for every row: raw − Σ credits is constant.
    const base = Array.from({ length: x.rows }, (_, r) => {
      let s = 0;
      for (let j = 0; j < x.cols; j++) s += credits[r * x.cols + j] as number;
      return (raw[r] as number) - s;
    });
    for (const b of base) expect(b).toBeCloseTo(base[0] as number, 9);
    let driver = 0;
    let noise = 0;
    for (let r = 0; r < x.rows; r++) {
      driver += Math.abs(credits[r * x.cols] as number);
      for (let j = 1; j < x.cols; j++) noise += Math.abs(credits[r * x.cols + j] as number);
    }
    expect(driver).toBeGreaterThan(5 * noise);
  });
});

describe('reasonCodes', () => {
  it('names the feature that drives the label first on every flagged row, in analyst language', async () => {
    const train = frame(800, 2);
    const test = frame(200, 3);
    const ensemble = await trainEnsemble(train.x, train.y, { spec, featureNames: NAMES });
    const { probability } = await predictEnsemble(ensemble, test.x);
    const asOf = Array.from({ length: test.x.rows }, () => Date.UTC(2026, 2, 2));
    const reasons = reasonCodes(ensemble, test.x, NAMES, { templates: REASON_TEMPLATES, background: train.x, asOf });
    const flagged = Array.from({ length: test.x.rows }, (_, r) => r).filter((r) => (probability[r] as number) >= ensemble.threshold);
    expect(flagged.length).toBeGreaterThan(10);
    for (const r of flagged) {
      const top = reasons[r]?.[0];
      expect(top?.feature).toBe('follower_z_zscore_7d');
      expect(top?.contribution).toBeGreaterThan(0);
      expect(reasons[r]?.length).toBeLessThanOrEqual(3);
    }
    // The template of the 7-day z-score needs follower counts this frame lacks: the generic phrase names the value.
    const r0 = flagged[0] as number;
    expect(reasons[r0]?.[0]?.text).toMatch(/^follower_z_zscore_7d = [\d.]+ \(training median -?[\d.]+\)$/);
  });

  it('refuses columns in another order than the ensemble was trained on', async () => {
    const train = frame(300, 4);
    const ensemble = await trainEnsemble(train.x, train.y, { spec, featureNames: NAMES });
    expect(() => reasonCodes(ensemble, train.x, [...NAMES].reverse())).toThrow(/same columns in the same order/);
  });
});

describe('reason templates', () => {
  it('fill placeholders with the row’s values, differences and dates, and give up on missing values', () => {
    const row: Record<string, number> = {
      followers_last_7d: 138_000,
      followers_start_first_7d: 100_000,
      follower_z_zscore_7d: 9.12,
      duplicate_share_28d: 0.43,
      as_of: Date.UTC(2026, 2, 2),
      growth_7d: Number.NaN,
    };
    const lookup = (n: string) => row[n];
    expect(renderTemplate(REASON_TEMPLATES.follower_z_zscore_7d as string, lookup)).toBe(
      'follower spike +38k in the 7 days to 2026-03-02, z = 9.1',
    );
    expect(renderTemplate(REASON_TEMPLATES.duplicate_share_28d as string, lookup)).toBe('43% of comments are duplicates (28 days)');
    expect(renderTemplate(REASON_TEMPLATES.growth_7d as string, lookup)).toBeNull();
    expect(formatValue(-0.052, '+%')).toBe('-5.2%');
    expect(formatValue(1_250_000, '+k')).toBe('+1.3M');
    expect(() => formatValue(1, 'x')).toThrow(/format 'x' is unknown/);
  });
});

describe('runExperiment reason codes', () => {
  it('logs the top test rows with their reasons as evaluation/reason_codes.json', async () => {
    const { x, y } = frame(480, 6);
    const labelled: LabelledFrame = {
      x,
      featureNames: NAMES,
      label: y,
      entity: Array.from({ length: x.rows }, (_, i) => `c${i % 160}`),
      asOf: Array.from({ length: x.rows }, (_, i) => Date.UTC(2026, 0, 1 + 7 * Math.floor(i / 160))),
      groups: {},
    };
    const dir = mkdtempSync(join(tmpdir(), 'kol-reasons-'));
    const client = createTrackingClient({
      mlflow: {
        trackingUri: pathToFileURL(dir).href,
        experimentPrefix: 'KOL_',
        token: undefined,
        username: undefined,
        password: undefined,
      },
    });
    const result = await runExperiment(
      labelled,
      { experiment: 'KOL_trust', testFraction: 0.25, outOfTimeQuantile: 0.6, ensemble: spec },
      { client, featureSets: [], kolSdkVersion: '0.1.0', now: Date.UTC(2026, 10, 1) },
    );
    const local = join(dir, 'reason_codes.json');
    await client.downloadArtifact(result.run_id, 'evaluation/reason_codes.json', local);
    const rows = JSON.parse(readFileSync(local, 'utf8')) as {
      entity: string;
      as_of: string;
      probability: number;
      reasons: { feature: string; text: string }[];
    }[];
    expect(rows).toHaveLength(20);
    const p = rows.map((r) => r.probability);
    expect(p).toEqual([...p].sort((a, b) => b - a));
    expect(rows[0]?.as_of).toMatch(/^2026-01-/);
    expect(rows.filter((r) => r.reasons[0]?.feature === 'follower_z_zscore_7d').length).toBeGreaterThanOrEqual(18);
    await client.close();
  }, 120_000);
});
