import { describe, expect, it } from 'vitest';
import {
  applyCalibrator,
  type EnsembleSpec,
  ece,
  ensembleFromJSON,
  ensembleToJSON,
  fitIsotonic,
  fitLogistic,
  fitPlatt,
  fitPreprocessor,
  type Matrix,
  matrixFromRows,
  predictEnsemble,
  predictLogistic,
  rocAuc,
  seeded,
  trainEnsemble,
  transform,
} from '../../sdk/train/index.ts';

/** Seeded imbalanced data (≈15% positives) with a linear part, an interaction and missing values. */
function dataset(n: number, seed: number): { x: Matrix; y: Float64Array } {
  const rand = seeded(seed);
  const F = 5;
  const values = new Float64Array(n * F);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) values[i * F + j] = rand() < 0.03 ? Number.NaN : rand() * 2 - 1;
    const v = (j: number) => values[i * F + j] || 0;
    const z = 2.5 * v(0) + 3 * v(1) * v(2) - 2;
    y[i] = rand() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
  }
  return { x: { rows: n, cols: F, values }, y };
}

const spec: EnsembleSpec = {
  folds: 3,
  seed: 11,
  classWeight: 'balanced',
  gbdt: { numRounds: 150, learningRate: 0.1, numLeaves: 15, earlyStoppingRounds: 15 },
  logistic: { l2: 1 },
  mlp: { hidden: [16], epochs: 25, batchSize: 128, patience: 5 },
  meta: { l2: 0.1 },
  calibration: 'isotonic',
};

describe('logistic regression', () => {
  it('recovers the sign and rough size of true coefficients', () => {
    const rand = seeded(5);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rand() * 2 - 1;
      const b = rand() * 2 - 1;
      rows.push([a, b]);
      y.push(rand() < 1 / (1 + Math.exp(-(2 * a - 1 * b + 0.5))) ? 1 : 0);
    }
    const m = fitLogistic(matrixFromRows(rows), y, { l2: 1e-6 });
    expect(m.weights[0]).toBeCloseTo(2, 0);
    expect(m.weights[1]).toBeCloseTo(-1, 0);
    expect(m.bias).toBeCloseTo(0.5, 0);
    expect(predictLogistic(m, matrixFromRows([[0, 0]]))[0]).toBeCloseTo(1 / (1 + Math.exp(-m.bias)), 12);
  });
});

describe('calibrators', () => {
  it('isotonic output is monotone and Platt maps an overconfident score toward the observed rate', () => {
    const p = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
    const y = [0, 1, 0, 0, 1, 0, 1, 1];
    const iso = applyCalibrator(fitIsotonic(p, y), p);
    for (let i = 1; i < iso.length; i++) expect(iso[i]).toBeGreaterThanOrEqual(iso[i - 1] as number);
    const platt = applyCalibrator(fitPlatt([0.99, 0.99, 0.99, 0.99, 0.01, 0.01], [1, 0, 1, 0, 0, 0]), [0.99]);
    expect(platt[0]).toBeLessThan(0.8);
  });

  it('standardizes with training statistics and imputes medians', () => {
    const x = matrixFromRows([
      [1, null],
      [3, 10],
      [5, 20],
    ]);
    const pre = fitPreprocessor(x);
    expect(pre.median).toEqual([3, 15]);
    const z = transform(pre, matrixFromRows([[3, null]]));
    expect(z.values[0]).toBeCloseTo(0, 12);
  });
});

describe('stacked ensemble', () => {
  const train = dataset(3000, 1);
  const test = dataset(2000, 2);

  it('ranks and calibrates well on held-out data, and round-trips through JSON', async () => {
    const model = await trainEnsemble(train.x, train.y, { spec, featureNames: ['a', 'b', 'c', 'd', 'e'] });
    const { probability, components } = await predictEnsemble(model, test.x);
    const auc = rocAuc(probability, test.y);
    expect(auc).toBeGreaterThan(0.9);
    // the stack is at least as good as its weakest part and close to its best
    const parts = [components.gbdt, components.logistic, components.mlp].map((p) => rocAuc(p, test.y));
    expect(auc).toBeGreaterThan(Math.min(...parts));
    expect(auc).toBeGreaterThan(Math.max(...parts) - 0.01);
    expect(ece(probability, test.y)).toBeLessThan(0.05);
    expect(model.threshold).toBeGreaterThan(0);
    const restored = ensembleFromJSON(JSON.parse(JSON.stringify(ensembleToJSON(model))));
    const again = await predictEnsemble(restored, test.x);
    expect(Array.from(again.probability)).toEqual(Array.from(probability));
  }, 120_000);
});
