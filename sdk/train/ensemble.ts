import { applyCalibrator, type Calibrator, fitIsotonic, fitPlatt } from './calibrate.ts';
import { gbdtFromJSON, gbdtToJSON, predictGbdt, type TrainedGbdt, trainGbdt } from './gbdt/booster.ts';
import { type Matrix, takeRows } from './gbdt/matrix.ts';
import type { GbdtParams } from './gbdt/params.ts';
import { seeded } from './gbdt/random.ts';
import { fitLogistic, type LogisticModel, logisticLogit, predictLogistic } from './logistic.ts';
import { bestF1Threshold } from './metrics/threshold.ts';
import { fitMlp, type MlpModel, type MlpSpec, predictMlp } from './mlp.ts';
import { fitPreprocessor, type Preprocessor, transform } from './preprocess.ts';

/**
 * The stacked ensemble of the trust and success classifiers: gradient-boosted trees, logistic regression
 * and a small MLP, each producing out-of-fold predictions on which a logistic meta-learner is fitted,
 * then calibrated (isotonic or Platt) on those same honest out-of-fold scores.
 */
export interface EnsembleSpec {
  readonly folds: number;
  readonly seed: number;
  /** `balanced` weighs positives by negatives/positives (class imbalance). */
  readonly classWeight: 'balanced' | 'none';
  readonly gbdt: Partial<GbdtParams>;
  readonly logistic: { readonly l2: number };
  readonly mlp: Partial<MlpSpec>;
  readonly meta: { readonly l2: number };
  readonly calibration: 'isotonic' | 'platt';
}

export interface Ensemble {
  readonly kind: 'stacked-ensemble';
  readonly spec: EnsembleSpec;
  readonly featureNames: readonly string[];
  readonly preprocessor: Preprocessor;
  readonly gbdt: TrainedGbdt;
  readonly logistic: LogisticModel;
  readonly mlp: MlpModel;
  readonly meta: LogisticModel;
  readonly calibrator: Calibrator;
  /** Decision threshold chosen for the best F1 on out-of-fold calibrated probabilities. */
  readonly threshold: number;
  /** Out-of-fold ROC inputs, kept for the evaluation card. */
  readonly oof: { readonly probability: Float64Array; readonly label: Float64Array };
}

const logit = (p: number): number => {
  const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
  return Math.log(q / (1 - q));
};

/** Scores of each base learner, as log-odds (the meta-learner's inputs). */
async function baseLogits(models: { pre: Preprocessor; gbdt: TrainedGbdt; lr: LogisticModel; mlp: MlpModel }, x: Matrix): Promise<Matrix> {
  const z = transform(models.pre, x);
  const g = predictGbdt(models.gbdt, x);
  const l = logisticLogit(models.lr, z);
  const m = await predictMlp(models.mlp, z);
  const values = new Float64Array(x.rows * 3);
  // A learner that diverged must fail loudly: NaN scores would make the meta-learner and the calibrator
  // answer a constant, and the model would look trained.
  for (const [name, p] of [
    ['gbdt', g],
    ['logistic', l],
    ['mlp', m],
  ] as const) {
    const bad = Array.prototype.findIndex.call(p, (v: number) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`the ${name} learner scored row ${bad} as ${String(p[bad])}: it diverged (check the features' scale)`);
  }
  for (let i = 0; i < x.rows; i++) {
    values[i * 3] = logit(g[i] as number);
    values[i * 3 + 1] = l[i] as number;
    values[i * 3 + 2] = logit(m[i] as number);
  }
  return { rows: x.rows, cols: 3, values };
}

function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  const rand = seeded(seed);
  const fold = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const rows = Array.from({ length: y.length }, (_, i) => i).filter((i) => y[i] === cls);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
    }
    rows.forEach((r, i) => {
      fold[r] = i % k;
    });
  }
  return fold;
}

/**
 * Trains the stacked ensemble. `onProgress` receives a line per step (long work shows progress).
 *
 * @example
 * const model = await trainEnsemble(x, y, { spec, featureNames });
 * const { probability } = await predictEnsemble(model, xNew);
 */
export async function trainEnsemble(
  x: Matrix,
  y: Float64Array,
  options: { spec: EnsembleSpec; featureNames: readonly string[]; onProgress?: (step: string) => void },
): Promise<Ensemble> {
  const { spec } = options;
  const progress = options.onProgress ?? (() => {});
  let pos = 0;
  for (const v of y) if (v === 1) pos++;
  if (pos === 0 || pos === y.length) throw new Error('the training frame needs both classes');
  const posWeight = spec.classWeight === 'balanced' ? (y.length - pos) / pos : 1;
  const weightOf = (labels: ArrayLike<number>) => Float64Array.from(Array.from(labels), (v) => (v === 1 ? posWeight : 1));

  const fold = stratifiedFolds(y, spec.folds, spec.seed);
  const oofLogits = new Float64Array(x.rows * 3);
  const rounds: number[] = [];
  const epochs: number[] = [];
  for (let k = 0; k < spec.folds; k++) {
    progress(`fold ${k + 1}/${spec.folds}`);
    const trainIdx = Array.from({ length: x.rows }, (_, i) => i).filter((i) => fold[i] !== k);
    const holdIdx = Array.from({ length: x.rows }, (_, i) => i).filter((i) => fold[i] === k);
    const xt = takeRows(x, trainIdx);
    const yt = Float64Array.from(trainIdx, (i) => y[i] as number);
    const xh = takeRows(x, holdIdx);
    const yh = Float64Array.from(holdIdx, (i) => y[i] as number);
    const pre = fitPreprocessor(xt);
    const gbdt = trainGbdt(xt, yt, {
      params: { ...spec.gbdt, scalePosWeight: posWeight, seed: spec.seed + k },
      valid: { x: xh, y: yh },
      featureNames: options.featureNames,
    });
    rounds.push(gbdt.bestIteration);
    const lr = fitLogistic(transform(pre, xt), yt, { l2: spec.logistic.l2, sampleWeight: weightOf(yt) });
    const mlp = await fitMlp(transform(pre, xt), yt, {
      spec: { ...spec.mlp, seed: spec.seed + k },
      valid: { x: transform(pre, xh), y: yh },
      positiveWeight: posWeight,
    });
    epochs.push(mlp.epochsRun);
    const z = await baseLogits({ pre, gbdt, lr, mlp }, xh);
    holdIdx.forEach((r, i) => {
      for (let c = 0; c < 3; c++) oofLogits[r * 3 + c] = z.values[i * 3 + c] as number;
    });
  }

  progress('meta-learner and calibration');
  const oof: Matrix = { rows: x.rows, cols: 3, values: oofLogits };
  const meta = fitLogistic(oof, y, { l2: spec.meta.l2 });
  const metaProb = predictLogistic(meta, oof);
  const calibrator = spec.calibration === 'isotonic' ? fitIsotonic(metaProb, y) : fitPlatt(metaProb, y);
  const oofProb = applyCalibrator(calibrator, metaProb);
  const { threshold } = bestF1Threshold(oofProb, y);

  progress('final base learners on all rows');
  const pre = fitPreprocessor(x);
  const meanRounds = Math.max(1, Math.round(rounds.reduce((a, b) => a + b, 0) / rounds.length));
  const gbdt = trainGbdt(x, y, {
    params: { ...spec.gbdt, numRounds: meanRounds, earlyStoppingRounds: 0, scalePosWeight: posWeight, seed: spec.seed },
    featureNames: options.featureNames,
  });
  const lr = fitLogistic(transform(pre, x), y, { l2: spec.logistic.l2, sampleWeight: weightOf(y) });
  const meanEpochs = Math.max(1, Math.round(epochs.reduce((a, b) => a + b, 0) / epochs.length));
  const mlp = await fitMlp(transform(pre, x), y, { spec: { ...spec.mlp, epochs: meanEpochs, seed: spec.seed }, positiveWeight: posWeight });

  return {
    kind: 'stacked-ensemble',
    spec,
    featureNames: options.featureNames,
    preprocessor: pre,
    gbdt,
    logistic: lr,
    mlp,
    meta,
    calibrator,
    threshold,
    oof: { probability: oofProb, label: y },
  };
}

/** Calibrated probabilities plus each component's probability (for reason codes and diagnostics). */
export async function predictEnsemble(
  model: Ensemble,
  x: Matrix,
): Promise<{ probability: Float64Array; components: { gbdt: Float64Array; logistic: Float64Array; mlp: Float64Array } }> {
  const z = await baseLogits({ pre: model.preprocessor, gbdt: model.gbdt, lr: model.logistic, mlp: model.mlp }, x);
  const probability = applyCalibrator(model.calibrator, predictLogistic(model.meta, z));
  const col = (c: number) => Float64Array.from({ length: x.rows }, (_, i) => 1 / (1 + Math.exp(-(z.values[i * 3 + c] as number))));
  return { probability, components: { gbdt: col(0), logistic: col(1), mlp: col(2) } };
}

/** JSON form for the model bundle (weights, preprocessing, calibrator, threshold). */
export function ensembleToJSON(model: Ensemble): unknown {
  return { ...model, gbdt: gbdtToJSON(model.gbdt), oof: undefined };
}

export function ensembleFromJSON(json: unknown): Ensemble {
  const j = json as Ensemble & { gbdt: unknown };
  if (j.kind !== 'stacked-ensemble') throw new Error("not a stacked ensemble (kind != 'stacked-ensemble')");
  return { ...j, gbdt: gbdtFromJSON(j.gbdt), oof: { probability: new Float64Array(0), label: new Float64Array(0) } };
}
