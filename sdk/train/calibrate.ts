/**
 * Probability calibrators fitted on held-out scores: Platt scaling (a logistic curve on the logit) and
 * isotonic regression (pool-adjacent-violators), the two that scikit-learn's CalibratedClassifierCV offers.
 */
export type Calibrator =
  | { readonly kind: 'platt'; readonly a: number; readonly b: number }
  | { readonly kind: 'isotonic'; readonly x: readonly number[]; readonly y: readonly number[] };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const logit = (p: number): number => {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(q / (1 - q));
};

/** Platt scaling on log-odds, with Platt's smoothed targets to avoid overconfidence on small sets. */
export function fitPlatt(prob: ArrayLike<number>, label: ArrayLike<number>): Calibrator {
  let pos = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === 1) pos++;
  const neg = label.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const f = Array.from({ length: prob.length }, (_, i) => logit(prob[i] as number));
  const t = Array.from({ length: prob.length }, (_, i) => (label[i] === 1 ? hi : lo));
  const loss = (a: number, b: number): number => {
    let l = 0;
    for (let i = 0; i < f.length; i++) {
      const z = a * (f[i] as number) + b;
      // log(1 + e^z) − t·z, written to stay finite for large |z|
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (t[i] as number) * z;
    }
    return l;
  };
  let a = 0;
  let b = Math.log((pos + 1) / (neg + 1));
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < f.length; i++) {
      const fi = f[i] as number;
      const p = sigmoid(a * fi + b);
      const r = p - (t[i] as number);
      const s = p * (1 - p);
      ga += r * fi;
      gb += r;
      haa += s * fi * fi;
      hab += s * fi;
      hbb += s;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Newton with backtracking: a full step can overshoot when the scores are nearly separable.
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (Math.abs(step * da) + Math.abs(step * db) < 1e-10 || improved < 1e-12) break;
  }
  return { kind: 'platt', a, b };
}

/** Isotonic regression of labels on probabilities (non-decreasing step function, linear between steps). */
export function fitIsotonic(prob: ArrayLike<number>, label: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: prob.length }, (_, i) => i).sort((i, j) => (prob[i] as number) - (prob[j] as number));
  const blocks: { x: number; y: number; w: number }[] = [];
  for (const i of order) {
    blocks.push({ x: prob[i] as number, y: label[i] as number, w: 1 });
    while (blocks.length > 1 && (blocks[blocks.length - 2] as { y: number }).y >= (blocks[blocks.length - 1] as { y: number }).y) {
      const b2 = blocks.pop() as { x: number; y: number; w: number };
      const b1 = blocks.pop() as { x: number; y: number; w: number };
      const w = b1.w + b2.w;
      blocks.push({ x: (b1.x * b1.w + b2.x * b2.w) / w, y: (b1.y * b1.w + b2.y * b2.w) / w, w });
    }
  }
  return { kind: 'isotonic', x: blocks.map((b) => b.x), y: blocks.map((b) => b.y) };
}

/** Applies a calibrator to probabilities. */
export function applyCalibrator(c: Calibrator, prob: ArrayLike<number>): Float64Array {
  const out = new Float64Array(prob.length);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i] as number;
    if (c.kind === 'platt') out[i] = sigmoid(c.a * logit(p) + c.b);
    else out[i] = interpolate(c.x, c.y, p);
  }
  return out;
}

function interpolate(xs: readonly number[], ys: readonly number[], v: number): number {
  if (xs.length === 0) return v;
  if (v <= (xs[0] as number)) return ys[0] as number;
  if (v >= (xs[xs.length - 1] as number)) return ys[ys.length - 1] as number;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= v) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  const x1 = xs[hi] as number;
  const t = x1 === x0 ? 0 : (v - x0) / (x1 - x0);
  return (ys[lo] as number) + t * ((ys[hi] as number) - (ys[lo] as number));
}
