import type { Ensemble } from './ensemble.ts';
import type { TrainedGbdt } from './gbdt/booster.ts';
import type { Matrix } from './gbdt/matrix.ts';
import type { Tree } from './gbdt/tree.ts';
import { transform } from './preprocess.ts';

/**
 * Per-prediction reason codes: which features pushed this row's score up, said in analyst language
 * ("follower spike +38k in the 7 days to 2026-03-02, z = 9.1").
 *
 * Attribution is in log-odds, the space in which the stacked meta-learner adds its inputs linearly:
 * - trees: path attribution (Saabas). Each split on the row's path credits its feature with the change of
 *   the expected score from the node to the child the row goes to. It is exact (the credits plus the root
 *   expectation sum to the tree's output), linear in the number of trees and depth, and needs only leaf
 *   covers, which we take from a background frame. TreeSHAP would spread credit more fairly between
 *   features split near the root and below, at O(leaves·depth²) per tree; for ranking the top three
 *   reasons of a flagged row the path credits agree with it in practice and stay cheap at scoring time.
 * - logistic regression: weight × scaled value (the scaled value is 0 at the training mean, so the credit
 *   is measured against the average row, like the tree credits).
 * Each learner's credits are scaled by its meta-learner weight. The MLP gets no credit (no cheap exact
 * attribution); its share of the score is left unexplained rather than guessed.
 */
export interface ReasonCode {
  readonly feature: string;
  /** Log-odds pushed onto the ensemble's score by this feature. */
  readonly contribution: number;
  /** The row's value (null when missing). */
  readonly value: number | null;
  readonly text: string;
}

export interface ReasonOptions {
  /** Phrases by feature output name (see features/reasons.ts); features without one get a generic phrase. */
  readonly templates?: Readonly<Record<string, string>>;
  /** Reasons per row (default 3). */
  readonly top?: number;
  /** Rows whose leaf counts weigh the tree nodes' expected scores (default: `x` itself). Use training rows. */
  readonly background?: Matrix;
  /** Per row as-of time (epoch ms) for `{as_of:date}`. */
  readonly asOf?: readonly number[];
  /** Learners that get credit (default both). */
  readonly learners?: 'gbdt' | 'logistic' | 'both';
}

/** Expected score at every node of a tree, weighted by how many background rows reach each leaf. */
function nodeValues(tree: Tree, background: Matrix): Float64Array {
  const internal = tree.feature.length;
  const value = new Float64Array(internal);
  if (tree.leafValue.length === 1) return value;
  const cover = new Float64Array(tree.leafValue.length);
  for (let r = 0; r < background.rows; r++) {
    let node = 0;
    while (true) {
      const v = background.values[r * background.cols + (tree.feature[node] as number)] as number;
      const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] as number);
      const next = goLeft ? (tree.left[node] as number) : (tree.right[node] as number);
      if (next < 0) {
        cover[~next] = (cover[~next] as number) + 1;
        break;
      }
      node = next;
    }
  }
  const nodeCover = new Float64Array(internal);
  // Children have larger indices than parents in growth order is not guaranteed: recurse instead.
  const visit = (node: number): [number, number] => {
    const side = (child: number): [number, number] => {
      if (child < 0) {
        const c = cover[~child] as number;
        return [c * (tree.leafValue[~child] as number), c];
      }
      return visit(child);
    };
    const [ls, lc] = side(tree.left[node] as number);
    const [rs, rc] = side(tree.right[node] as number);
    const c = lc + rc;
    nodeCover[node] = c;
    // A node no background row reaches keeps the plain mean of its sides: it then credits nothing odd.
    value[node] = c > 0 ? (ls + rs) / c : ((lc > 0 ? ls / lc : 0) + (rc > 0 ? rs / rc : 0)) / 2;
    return [(value[node] as number) * c, c];
  };
  visit(0);
  return value;
}

/**
 * Path (Saabas) credits of a GBDT in log-odds, per row and feature (row-major, rows × features).
 *
 * @example
 * const credits = treeContributions(model, x, xTrain); // credits[r * x.cols + j]
 */
export function treeContributions(model: TrainedGbdt, x: Matrix, background: Matrix = x): Float64Array {
  const out = new Float64Array(x.rows * x.cols);
  for (const tree of model.trees) {
    if (tree.leafValue.length === 1) continue;
    const value = nodeValues(tree, background);
    for (let r = 0; r < x.rows; r++) {
      let node = 0;
      while (true) {
        const f = tree.feature[node] as number;
        const v = x.values[r * x.cols + f] as number;
        const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] as number);
        const next = goLeft ? (tree.left[node] as number) : (tree.right[node] as number);
        const after = next < 0 ? (tree.leafValue[~next] as number) : (value[next] as number);
        out[r * x.cols + f] = (out[r * x.cols + f] as number) + after - (value[node] as number);
        if (next < 0) break;
        node = next;
      }
    }
  }
  return out;
}

const compact = (v: number): string => {
  const a = Math.abs(v);
  const strip = (s: string) => s.replace(/\.0$/, '');
  if (a >= 1e6) return `${strip((v / 1e6).toFixed(1))}M`;
  if (a >= 1e3) return `${strip((v / 1e3).toFixed(1))}k`;
  return Number.isInteger(v) ? String(v) : strip(v.toFixed(1));
};
const signed = (s: string, v: number): string => (v > 0 ? `+${s}` : s);
const percent = (v: number): string => {
  const p = v * 100;
  return `${Math.abs(p) < 10 ? p.toFixed(1).replace(/\.0$/, '') : p.toFixed(0)}%`;
};

/** Formats one value by a template format (see features/reasons.ts). */
export function formatValue(v: number, format: string | undefined): string {
  switch (format) {
    case '%':
      return percent(v);
    case '+%':
      return signed(percent(v), v);
    case 'k':
      return compact(v);
    case '+k':
      return signed(compact(v), v);
    case 'date':
      return new Date(v).toISOString().slice(0, 10);
    case undefined:
    case '':
      return Number.isInteger(v) ? compact(v) : String(Number(v.toPrecision(3)));
    default:
      if (/^\d$/.test(format)) return v.toFixed(Number(format));
      throw new Error(`reason template format '${format}' is unknown: use %, +%, k, +k, date or a digit`);
  }
}

/**
 * Fills a template with a row's values; null when the template names a feature the row lacks (missing
 * value or unknown name), so that the caller falls back to the generic phrase instead of printing "NaN".
 *
 * @example
 * renderTemplate('{growth_7d:+%} in 7 days', (n) => ({ growth_7d: 0.31 })[n]) // '+31% in 7 days'
 */
export function renderTemplate(template: string, lookup: (name: string) => number | undefined): string | null {
  let ok = true;
  const text = template.replace(
    /\{([a-z0-9_]+)(?:-([a-z0-9_]+))?(?::([^}]*))?\}/g,
    (_, a: string, b: string | undefined, fmt: string | undefined) => {
      const va = lookup(a);
      const vb = b === undefined ? 0 : lookup(b);
      if (va === undefined || vb === undefined || !Number.isFinite(va) || !Number.isFinite(vb)) {
        ok = false;
        return '';
      }
      return formatValue(va - vb, fmt);
    },
  );
  return ok ? text : null;
}

/**
 * The top positive reasons of each row of `x` (raw feature values, as the ensemble is scored).
 *
 * @example
 * const reasons = reasonCodes(ensemble, xTest, featureNames, { templates: REASON_TEMPLATES, background: xTrain, asOf });
 * reasons[0]?.[0]?.text // 'follower spike +38k in the 7 days to 2026-03-02, z = 9.1'
 */
export function reasonCodes(ensemble: Ensemble, x: Matrix, featureNames: readonly string[], opts: ReasonOptions = {}): ReasonCode[][] {
  if (featureNames.length !== x.cols) throw new Error(`reasonCodes: ${featureNames.length} feature names for ${x.cols} columns`);
  const expected = ensemble.featureNames;
  if (expected.length !== featureNames.length || expected.some((n, j) => n !== featureNames[j])) {
    throw new Error(
      'reasonCodes: the feature names differ from those the ensemble was trained on: build x with the same columns in the same order',
    );
  }
  const top = opts.top ?? 3;
  const learners = opts.learners ?? 'both';
  const [wTree, wLinear] = ensemble.meta.weights as [number, number, number];
  const credit = new Float64Array(x.rows * x.cols);
  if (learners !== 'logistic') {
    const t = treeContributions(ensemble.gbdt, x, opts.background ?? x);
    for (let k = 0; k < credit.length; k++) credit[k] = wTree * (t[k] as number);
  }
  if (learners !== 'gbdt') {
    const z = transform(ensemble.preprocessor, x);
    for (let r = 0; r < x.rows; r++) {
      for (let j = 0; j < x.cols; j++) {
        const k = r * x.cols + j;
        credit[k] = (credit[k] as number) + wLinear * (ensemble.logistic.weights[j] as number) * (z.values[k] as number);
      }
    }
  }
  const index = new Map(featureNames.map((n, j) => [n, j]));
  const templates = opts.templates ?? {};
  return Array.from({ length: x.rows }, (_, r) => {
    const lookup = (name: string): number | undefined => {
      if (name === 'as_of') return opts.asOf?.[r];
      const j = index.get(name);
      return j === undefined ? undefined : (x.values[r * x.cols + j] as number);
    };
    const order = Array.from({ length: x.cols }, (_, j) => j)
      .filter((j) => (credit[r * x.cols + j] as number) > 0)
      .sort((a, b) => (credit[r * x.cols + b] as number) - (credit[r * x.cols + a] as number))
      .slice(0, top);
    return order.map((j) => {
      const name = featureNames[j] as string;
      const v = x.values[r * x.cols + j] as number;
      const template = templates[name];
      const median = ensemble.preprocessor.median[j] as number;
      const text =
        (template === undefined ? null : renderTemplate(template, lookup)) ??
        (Number.isNaN(v)
          ? `${name} is missing (training median ${formatValue(median, undefined)})`
          : `${name} = ${formatValue(v, undefined)} (training median ${formatValue(median, undefined)})`);
      return { feature: name, contribution: credit[r * x.cols + j] as number, value: Number.isNaN(v) ? null : v, text };
    });
  });
}
