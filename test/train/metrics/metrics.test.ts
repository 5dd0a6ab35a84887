import { describe, expect, it } from 'vitest';
import { bestF1Threshold, brier, calibrationCurve, ece, f1At, prAuc, rocAuc, rocCurve } from '../../../sdk/train/metrics/index.ts';

// Reference values computed with scikit-learn 1.x on the same arrays (ties included on purpose).
const score = [0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.9, 0.65, 0.5, 0.5];
const label = [0, 0, 1, 1, 0, 0, 1, 1, 1, 0];

describe('metrics against scikit-learn', () => {
  it('roc_auc_score', () => expect(rocAuc(score, label)).toBeCloseTo(0.76, 12));
  it('average_precision_score', () => expect(prAuc(score, label)).toBeCloseTo(0.7416666666666667, 12));
  it('brier_score_loss', () => expect(brier(score, label)).toBeCloseTo(0.1945, 12));
  it('f1_score at 0.5', () => expect(f1At(score, label, 0.5).f1).toBeCloseTo(0.7272727272727273, 12));
});

describe('metric edge cases', () => {
  it('refuses ROC-AUC with one class', () => {
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow(/both classes/);
  });

  it('gives a perfect ranking AUC 1 and a reversed one 0', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('draws a ROC curve from (0,0) to (1,1)', () => {
    const c = rocCurve(score, label);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr.at(-1), c.tpr.at(-1)]).toEqual([1, 1]);
  });

  it('has zero calibration error for perfectly calibrated bins and a large one for overconfidence', () => {
    const p = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    expect(ece(p, y)).toBeCloseTo(0, 12);
    expect(ece([0.99, 0.99, 0.99, 0.99], [1, 0, 1, 0])).toBeCloseTo(0.49, 12);
    expect(calibrationCurve(p, y).count).toEqual([4, 4]);
  });

  it('picks the F1-maximizing threshold', () => {
    const best = bestF1Threshold(score, label);
    expect(best.f1).toBeGreaterThanOrEqual(f1At(score, label, 0.5).f1);
    expect(f1At(score, label, best.threshold).f1).toBeCloseTo(best.f1, 12);
  });
});
