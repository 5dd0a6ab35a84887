/** Confusion counts and F1 at a probability threshold (`score >= threshold` is positive). */
export function f1At(
  score: ArrayLike<number>,
  label: ArrayLike<number>,
  threshold: number,
): { f1: number; precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < score.length; i++) {
    const predicted = (score[i] as number) >= threshold;
    if (predicted && label[i] === 1) tp++;
    else if (predicted) fp++;
    else if (label[i] === 1) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall };
}

/**
 * The threshold that maximizes F1 on the given (validation) scores; ties go to the higher threshold
 * (fewer alerts for the same F1).
 */
export function bestF1Threshold(score: ArrayLike<number>, label: ArrayLike<number>): { threshold: number; f1: number } {
  const candidates = [...new Set(Array.from(score))].sort((a, b) => b - a);
  let best = { threshold: 0.5, f1: -1 };
  for (const t of candidates) {
    const { f1 } = f1At(score, label, t);
    if (f1 > best.f1) best = { threshold: t, f1 };
  }
  return best;
}
