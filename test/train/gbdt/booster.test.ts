import { describe, expect, it } from 'vitest';
import { binCode, fitBins } from '../../../sdk/train/gbdt/binning.ts';
import { gbdtFromJSON, gbdtToJSON, type Matrix, matrixFromRows, predictGbdt, seeded, trainGbdt } from '../../../sdk/train/gbdt/index.ts';

/** A seeded dataset whose label depends on an interaction and a non-linearity, with 5% missing values. */
function dataset(n: number, seed: number): { x: Matrix; y: Float64Array } {
  const rand = seeded(seed);
  const F = 6;
  const values = new Float64Array(n * F);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) values[i * F + j] = rand() < 0.05 ? Number.NaN : rand() * 2 - 1;
    const a = values[i * F] || 0;
    const b = values[i * F + 1] || 0;
    const c = values[i * F + 2] || 0;
    const z = 3 * a * b + Math.sin(3 * c);
    y[i] = rand() < 1 / (1 + Math.exp(-4 * z)) ? 1 : 0;
  }
  return { x: { rows: n, cols: F, values }, y };
}

function auc(p: Float64Array, y: Float64Array): number {
  const order = Array.from(p.keys()).sort((a, b) => (p[a] as number) - (p[b] as number));
  let pos = 0;
  let rankSum = 0;
  order.forEach((k, r) => {
    if (y[k] === 1) {
      pos++;
      rankSum += r + 1;
    }
  });
  const neg = y.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

describe('binning', () => {
  it('keeps every distinct value apart when there are few, and puts NaN in code 0', () => {
    const bins = fitBins(Float64Array.from([3, 1, 2, 2, Number.NaN]), 255);
    expect(Array.from(bins.bounds)).toEqual([1.5, 2.5]);
    expect([Number.NaN, 0, 1, 1.5, 2, 3, 99].map((v) => binCode(bins, v))).toEqual([0, 1, 1, 1, 2, 3, 3]);
  });

  it('caps the number of bins at maxBin with roughly equal counts', () => {
    const rand = seeded(7);
    const values = Float64Array.from({ length: 10_000 }, () => rand());
    const bins = fitBins(values, 16);
    expect(bins.codes).toBeLessThanOrEqual(17);
    const counts = new Array(bins.codes).fill(0);
    for (const v of values) counts[binCode(bins, v)]++;
    for (const c of counts.slice(1)) expect(c).toBeGreaterThan(400);
  });
});

describe('trainGbdt', () => {
  const train = dataset(6000, 1);
  const test = dataset(3000, 2);

  it('learns an interaction a linear model cannot (AUC well above chance)', () => {
    const model = trainGbdt(train.x, train.y, { params: { numRounds: 80, numLeaves: 15, learningRate: 0.1 } });
    expect(auc(predictGbdt(model, test.x), test.y)).toBeGreaterThan(0.85);
  });

  it('is deterministic for a seed, bagging and feature sampling included', () => {
    const params = { numRounds: 20, baggingFraction: 0.7, baggingFreq: 1, featureFraction: 0.5, seed: 3 };
    const a = predictGbdt(trainGbdt(train.x, train.y, { params }), test.x);
    const b = predictGbdt(trainGbdt(train.x, train.y, { params }), test.x);
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = predictGbdt(trainGbdt(train.x, train.y, { params: { ...params, seed: 4 } }), test.x);
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('stops early on the validation loss and keeps the best iteration', () => {
    const valid = dataset(2000, 9);
    const model = trainGbdt(train.x, train.y, {
      params: { numRounds: 400, learningRate: 0.3, numLeaves: 63, minDataInLeaf: 2, earlyStoppingRounds: 10 },
      valid,
    });
    expect(model.validLoss.length).toBeLessThan(400);
    expect(model.trees.length).toBe(model.bestIteration);
    expect(model.validLoss[model.bestIteration - 1]).toBe(Math.min(...model.validLoss));
  });

  it('sends missing values the way that lowers the loss', () => {
    // label is 1 exactly when the value is missing: only the missing direction can separate it
    const rows = Array.from({ length: 400 }, (_, i) => [i % 2 === 0 ? null : i / 400]);
    const y = Float64Array.from(rows, (r) => (r[0] === null ? 1 : 0));
    const model = trainGbdt(matrixFromRows(rows), y, { params: { numRounds: 30, minDataInLeaf: 5 } });
    const p = predictGbdt(model, matrixFromRows([[null], [0.5]]));
    expect(p[0]).toBeGreaterThan(0.9);
    expect(p[1]).toBeLessThan(0.1);
  });

  it('regresses a step function', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [i / 500]);
    const y = Float64Array.from(rows, (r) => ((r[0] as number) < 0.5 ? 10 : 20));
    const model = trainGbdt(matrixFromRows(rows), y, { params: { objective: 'regression', numRounds: 50, learningRate: 0.3 } });
    const p = predictGbdt(model, matrixFromRows([[0.1], [0.9]]));
    expect(p[0]).toBeCloseTo(10, 0);
    expect(p[1]).toBeCloseTo(20, 0);
  });

  it('weights positives with scalePosWeight (raises predicted probabilities)', () => {
    const plain = predictGbdt(trainGbdt(train.x, train.y, { params: { numRounds: 20 } }), test.x);
    const weighted = predictGbdt(trainGbdt(train.x, train.y, { params: { numRounds: 20, scalePosWeight: 4 } }), test.x);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(weighted)).toBeGreaterThan(mean(plain) + 0.1);
  });

  it('round-trips through JSON with identical predictions and reports importance on the real signals', () => {
    const model = trainGbdt(train.x, train.y, { params: { numRounds: 30 }, featureNames: ['a', 'b', 'c', 'd', 'e', 'f'] });
    const restored = gbdtFromJSON(JSON.parse(JSON.stringify(gbdtToJSON(model))));
    expect(Array.from(predictGbdt(restored, test.x))).toEqual(Array.from(predictGbdt(model, test.x)));
    const gain = Array.from(model.importanceGain);
    const top3 = gain
      .map((g, j) => [g, j] as const)
      .sort((p, q) => q[0] - p[0])
      .slice(0, 3)
      .map(([, j]) => j)
      .sort();
    expect(top3).toEqual([0, 1, 2]);
  });

  it('refuses labels that are not 0/1 for a binary objective', () => {
    expect(() => trainGbdt(matrixFromRows([[1], [2]]), Float64Array.from([0, 2]))).toThrow(/labels 0 or 1/);
  });
});
