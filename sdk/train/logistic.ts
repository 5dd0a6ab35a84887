import type { Matrix } from './gbdt/matrix.ts';

/**
 * L2-regularized logistic regression fitted by Newton's method (IRLS). Written here because the npm
 * options (ml-logistic-regression) use fixed-step gradient descent that does not reliably converge;
 * Newton converges in a handful of exact steps for the tens of features the ensembles use.
 * Expects standardized inputs (see preprocess.ts).
 */
export interface LogisticModel {
  readonly kind: 'logistic';
  readonly weights: readonly number[];
  readonly bias: number;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias). */
  readonly l2?: number;
  /** Per-row weights (class imbalance). */
  readonly sampleWeight?: ArrayLike<number>;
  readonly maxIter?: number;
  readonly tol?: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * @example
 * const lr = fitLogistic(transform(pre, x), y, { l2: 1 });
 * const p = predictLogistic(lr, transform(pre, xTest));
 */
export function fitLogistic(x: Matrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIter = options.maxIter ?? 50;
  const tol = options.tol ?? 1e-8;
  const d = x.cols + 1; // last coefficient is the bias
  const beta = new Float64Array(d);
  for (let iter = 0; iter < maxIter; iter++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    for (let i = 0; i < x.rows; i++) {
      const w = options.sampleWeight ? (options.sampleWeight[i] as number) : 1;
      let z = beta[d - 1] as number;
      for (let j = 0; j < x.cols; j++) z += (beta[j] as number) * (x.values[i * x.cols + j] as number);
      const p = sigmoid(z);
      const r = (p - (y[i] as number)) * w;
      const s = Math.max(p * (1 - p), 1e-10) * w;
      for (let a = 0; a < d; a++) {
        const xa = a === d - 1 ? 1 : (x.values[i * x.cols + a] as number);
        grad[a] = (grad[a] as number) + r * xa;
        for (let b = a; b < d; b++) {
          const xb = b === d - 1 ? 1 : (x.values[i * x.cols + b] as number);
          hess[a * d + b] = (hess[a * d + b] as number) + s * xa * xb;
        }
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) hess[a * d + b] = hess[b * d + a] as number;
      if (a < d - 1) {
        grad[a] = (grad[a] as number) + l2 * (beta[a] as number);
        hess[a * d + a] = (hess[a * d + a] as number) + l2;
      } else {
        hess[a * d + a] = (hess[a * d + a] as number) + 1e-9;
      }
    }
    const step = solveSymmetric(hess, grad, d);
    let maxStep = 0;
    for (let a = 0; a < d; a++) {
      beta[a] = (beta[a] as number) - (step[a] as number);
      maxStep = Math.max(maxStep, Math.abs(step[a] as number));
    }
    if (maxStep < tol) break;
  }
  return { kind: 'logistic', weights: Array.from(beta.subarray(0, d - 1)), bias: beta[d - 1] as number };
}

/** Log-odds per row. */
export function logisticLogit(model: LogisticModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let z = model.bias;
    for (let j = 0; j < x.cols; j++) z += (model.weights[j] as number) * (x.values[i * x.cols + j] as number);
    out[i] = z;
  }
  return out;
}

/** Probabilities per row. */
export function predictLogistic(model: LogisticModel, x: Matrix): Float64Array {
  return logisticLogit(model, x).map(sigmoid);
}

/** Solves H·s = g for a symmetric positive-definite H (Cholesky). */
function solveSymmetric(h: Float64Array, g: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * d + k] as number) * (L[j * d + k] as number);
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (L[j * d + j] as number);
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = g[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * d + k] as number) * (z[k] as number);
    z[i] = s / (L[i * d + i] as number);
  }
  const out = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < d; k++) s -= (L[k * d + i] as number) * (out[k] as number);
    out[i] = s / (L[i * d + i] as number);
  }
  return out;
}
