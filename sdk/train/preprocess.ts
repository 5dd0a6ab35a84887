import type { Matrix } from './gbdt/matrix.ts';

/**
 * Imputation (median of the training rows) and standard scaling, fitted on training data only and stored
 * in the model bundle so that offline and streaming scoring transform features identically.
 */
export interface Preprocessor {
  readonly kind: 'standardize';
  readonly median: readonly number[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** Fits medians, means and standard deviations per column (NaN ignored; constant columns get std 1). */
export function fitPreprocessor(x: Matrix): Preprocessor {
  const median: number[] = [];
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < x.cols; j++) {
    const col: number[] = [];
    for (let i = 0; i < x.rows; i++) {
      const v = x.values[i * x.cols + j] as number;
      if (!Number.isNaN(v)) col.push(v);
    }
    col.sort((a, b) => a - b);
    const med =
      col.length === 0
        ? 0
        : col.length % 2
          ? (col[(col.length - 1) / 2] as number)
          : ((col[col.length / 2 - 1] as number) + (col[col.length / 2] as number)) / 2;
    // mean and std after imputation, so that the scaled training column has mean 0 and std 1 exactly
    let s = 0;
    for (let i = 0; i < x.rows; i++) {
      const v = x.values[i * x.cols + j] as number;
      s += Number.isNaN(v) ? med : v;
    }
    const m = x.rows === 0 ? 0 : s / x.rows;
    let ss = 0;
    for (let i = 0; i < x.rows; i++) {
      const v = x.values[i * x.cols + j] as number;
      const d = (Number.isNaN(v) ? med : v) - m;
      ss += d * d;
    }
    const sd = x.rows === 0 ? 1 : Math.sqrt(ss / x.rows);
    median.push(med);
    mean.push(m);
    std.push(sd > 1e-12 ? sd : 1);
  }
  return { kind: 'standardize', median, mean, std };
}

/**
 * Scaled values are clipped to ±CLIP standard deviations: heavy-tailed KOL features (a follower slope 66 sd
 * out during a bought-follower step) otherwise saturate the MLP into NaN weights. Trees see raw values and
 * keep the full range; the clip only bounds what the linear and neural learners read.
 */
export const CLIP = 8;

/** Imputes, scales and clips a matrix (returns a new one). */
export function transform(p: Preprocessor, x: Matrix): Matrix {
  if (x.cols !== p.mean.length) throw new Error(`preprocessor expects ${p.mean.length} features, got ${x.cols}`);
  const values = new Float64Array(x.values.length);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const v = x.values[i * x.cols + j] as number;
      const z = ((Number.isNaN(v) ? (p.median[j] as number) : v) - (p.mean[j] as number)) / (p.std[j] as number);
      values[i * x.cols + j] = Math.min(CLIP, Math.max(z, -CLIP));
    }
  }
  return { rows: x.rows, cols: x.cols, values };
}
