/**
 * Ranking metrics of binary scores. Ties are handled exactly (tied scores share their average rank),
 * matching scikit-learn's `roc_auc_score` and `average_precision_score`.
 */

/** Area under the ROC curve. Throws when only one class is present (the metric is undefined). */
export function rocAuc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const n = score.length;
  const order = sortedIndex(score);
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && score[order[j + 1] as number] === score[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (label[order[k] as number] === 1) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new Error('ROC-AUC needs both classes in the labels');
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision (area under the precision-recall curve, step-wise as scikit-learn computes it). */
export function prAuc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const order = sortedIndex(score).reverse();
  let totalPos = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === 1) totalPos++;
  if (totalPos === 0) throw new Error('PR-AUC needs at least one positive label');
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1] as number] === score[order[i] as number]) j++;
    for (let k = i; k <= j; k++) {
      if (label[order[k] as number] === 1) tp++;
      else fp++;
    }
    const recall = tp / totalPos;
    const precision = tp / (tp + fp);
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
    i = j + 1;
  }
  return ap;
}

/** Points of the ROC curve (false-positive rate, true-positive rate, threshold), for plots. */
export function rocCurve(score: ArrayLike<number>, label: ArrayLike<number>): { fpr: number[]; tpr: number[]; threshold: number[] } {
  const order = sortedIndex(score).reverse();
  let P = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === 1) P++;
  const N = label.length - P;
  const fpr = [0];
  const tpr = [0];
  const threshold = [Number.POSITIVE_INFINITY];
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1] as number] === score[order[i] as number]) j++;
    for (let k = i; k <= j; k++) {
      if (label[order[k] as number] === 1) tp++;
      else fp++;
    }
    fpr.push(N === 0 ? 0 : fp / N);
    tpr.push(P === 0 ? 0 : tp / P);
    threshold.push(score[order[i] as number] as number);
    i = j + 1;
  }
  return { fpr, tpr, threshold };
}

function sortedIndex(score: ArrayLike<number>): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => (score[a] as number) - (score[b] as number));
}
