import { brier, calibrationCurve, ece } from '../metrics/calibration.ts';
import { prAuc, rocAuc, rocCurve } from '../metrics/ranking.ts';
import { f1At } from '../metrics/threshold.ts';
import { calibrationFigure, type Figure, importanceFigure, rocFigure } from './plots.ts';

/** The headline metrics of a binary model on one labelled set. */
export interface BinaryMetrics {
  readonly rows: number;
  readonly positives: number;
  readonly roc_auc: number | null;
  readonly pr_auc: number | null;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly brier: number;
  readonly ece: number;
}

/** Metrics where defined: ranking metrics are null for a group with one class only. */
export function binaryMetrics(probability: ArrayLike<number>, label: ArrayLike<number>, threshold: number): BinaryMetrics {
  let positives = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === 1) positives++;
  const both = positives > 0 && positives < label.length;
  const f = f1At(probability, label, threshold);
  return {
    rows: label.length,
    positives,
    roc_auc: both ? rocAuc(probability, label) : null,
    pr_auc: positives > 0 ? prAuc(probability, label) : null,
    f1: f.f1,
    precision: f.precision,
    recall: f.recall,
    brier: brier(probability, label),
    ece: ece(probability, label),
  };
}

export interface EvaluationCard {
  readonly threshold: number;
  readonly test: BinaryMetrics;
  /** Metrics per value of each grouping (tier, platform…). */
  readonly groups: Readonly<Record<string, Readonly<Record<string, BinaryMetrics>>>>;
  /** Extra evaluations by name (out-of-time, held-out fraud type…). */
  readonly extra: Readonly<Record<string, BinaryMetrics>>;
  readonly importance: readonly { name: string; gain: number; splits: number }[];
  readonly plots: Readonly<Record<'roc' | 'calibration' | 'importance', Figure>>;
}

/**
 * Builds the evaluation card of a binary model from test-set probabilities and labels.
 *
 * @example
 * const card = evaluationCard({ probability, label, threshold, groups: { tier: tiers }, importance });
 */
export function evaluationCard(input: {
  probability: ArrayLike<number>;
  label: ArrayLike<number>;
  threshold: number;
  groups?: Readonly<Record<string, readonly string[]>>;
  extra?: Readonly<Record<string, BinaryMetrics>>;
  importance?: readonly { name: string; gain: number; splits: number }[];
}): EvaluationCard {
  const test = binaryMetrics(input.probability, input.label, input.threshold);
  const groups: Record<string, Record<string, BinaryMetrics>> = {};
  for (const [groupName, values] of Object.entries(input.groups ?? {})) {
    const byValue = new Map<string, number[]>();
    values.forEach((v, i) => {
      const list = byValue.get(v) ?? [];
      list.push(i);
      byValue.set(v, list);
    });
    groups[groupName] = Object.fromEntries(
      [...byValue.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([v, idx]) => [
          v,
          binaryMetrics(
            idx.map((i) => input.probability[i] as number),
            idx.map((i) => input.label[i] as number),
            input.threshold,
          ),
        ]),
    );
  }
  const importance = [...(input.importance ?? [])].sort((a, b) => b.gain - a.gain);
  return {
    threshold: input.threshold,
    test,
    groups,
    extra: input.extra ?? {},
    importance,
    plots: {
      roc: rocFigure(rocCurve(input.probability, input.label), test.roc_auc ?? Number.NaN),
      calibration: calibrationFigure(calibrationCurve(input.probability, input.label), test.ece),
      importance: importanceFigure(importance),
    },
  };
}
