/** Brier score: mean squared error of probabilities against 0/1 labels. */
export function brier(prob: ArrayLike<number>, label: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < prob.length; i++) {
    const d = (prob[i] as number) - (label[i] as number);
    s += d * d;
  }
  return s / prob.length;
}

/** Reliability diagram: per equal-width probability bin, the mean prediction, observed rate and count. */
export function calibrationCurve(
  prob: ArrayLike<number>,
  label: ArrayLike<number>,
  bins = 10,
): { meanPredicted: number[]; observed: number[]; count: number[] } {
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i] as number;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    sumP[b] = (sumP[b] as number) + p;
    sumY[b] = (sumY[b] as number) + (label[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  const keep = count.map((c, b) => (c > 0 ? b : -1)).filter((b) => b >= 0);
  return {
    meanPredicted: keep.map((b) => (sumP[b] as number) / (count[b] as number)),
    observed: keep.map((b) => (sumY[b] as number) / (count[b] as number)),
    count: keep.map((b) => count[b] as number),
  };
}

/** Expected calibration error over equal-width bins: Σ (n_b / n) · |observed_b − predicted_b|. */
export function ece(prob: ArrayLike<number>, label: ArrayLike<number>, bins = 10): number {
  const curve = calibrationCurve(prob, label, bins);
  let e = 0;
  for (let b = 0; b < curve.count.length; b++) {
    e += ((curve.count[b] as number) / prob.length) * Math.abs((curve.observed[b] as number) - (curve.meanPredicted[b] as number));
  }
  return e;
}
