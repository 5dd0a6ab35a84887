import type { Matrix } from './gbdt/matrix.ts';
import { seeded } from './gbdt/random.ts';
import { loadTf } from './tf.ts';

/** A small multilayer perceptron for binary classification (tfjs, wasm backend). */
export interface MlpSpec {
  readonly hidden: readonly number[];
  readonly dropout: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Early stopping: epochs without improvement of the validation loss. */
  readonly patience: number;
  readonly seed: number;
}

export const DEFAULT_MLP_SPEC: MlpSpec = Object.freeze({
  hidden: [32, 16],
  dropout: 0.1,
  epochs: 60,
  batchSize: 256,
  learningRate: 0.003,
  l2: 1e-4,
  patience: 6,
  seed: 42,
});

export interface MlpModel {
  readonly kind: 'mlp';
  readonly spec: MlpSpec;
  readonly inputDim: number;
  /** Layer weights in order (kernel, bias per dense layer), as plain arrays for JSON. */
  readonly weights: readonly { readonly shape: readonly number[]; readonly values: readonly number[] }[];
  readonly epochsRun: number;
  readonly bestValidLoss: number;
}

async function build(inputDim: number, spec: MlpSpec) {
  const tf = await loadTf();
  const model = tf.sequential();
  spec.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + i }),
        kernelRegularizer: tf.regularizers.l2({ l2: spec.l2 }),
        ...(i === 0 ? { inputShape: [inputDim] } : {}),
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, seed: spec.seed + 100 + i }));
  });
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + 999 }),
      ...(spec.hidden.length === 0 ? { inputShape: [inputDim] } : {}),
    }),
  );
  return { tf, model };
}

/**
 * Trains on standardized features; keeps the weights of the epoch with the best validation loss.
 *
 * @example
 * const mlp = await fitMlp(xTrain, yTrain, { valid: { x: xValid, y: yValid } });
 * const p = await predictMlp(mlp, xTest);
 */
export async function fitMlp(
  x: Matrix,
  y: ArrayLike<number>,
  options: { spec?: Partial<MlpSpec>; valid?: { x: Matrix; y: ArrayLike<number> }; positiveWeight?: number } = {},
): Promise<MlpModel> {
  const spec: MlpSpec = { ...DEFAULT_MLP_SPEC, ...options.spec };
  const { tf, model } = await build(x.cols, spec);
  model.compile({ optimizer: tf.train.adam(spec.learningRate), loss: 'binaryCrossentropy' });
  const rand = seeded(spec.seed);
  const order = Array.from({ length: x.rows }, (_, i) => i);
  const valid = options.valid;
  const xv = valid ? tf.tensor2d(Float32Array.from(valid.x.values), [valid.x.rows, valid.x.cols]) : undefined;
  const yv = valid ? tf.tensor2d(Float32Array.from(Array.from(valid.y)), [valid.x.rows, 1]) : undefined;
  let best = Number.POSITIVE_INFINITY;
  let bestWeights = model.getWeights().map((w) => w.clone());
  let sinceBest = 0;
  let epochsRun = 0;
  try {
    for (let epoch = 0; epoch < spec.epochs; epoch++) {
      // Seeded shuffle: tfjs's own shuffle uses Math.random and would make training irreproducible.
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const xs = new Float32Array(x.rows * x.cols);
      const ys = new Float32Array(x.rows);
      order.forEach((r, k) => {
        xs.set(x.values.subarray(r * x.cols, (r + 1) * x.cols), k * x.cols);
        ys[k] = y[r] as number;
      });
      const xt = tf.tensor2d(xs, [x.rows, x.cols]);
      const yt = tf.tensor2d(ys, [x.rows, 1]);
      // tfjs supports class weights but not per-row sample weights
      const classWeight = { 0: 1, 1: options.positiveWeight ?? 1 };
      await model.fit(xt, yt, { epochs: 1, batchSize: spec.batchSize, shuffle: false, verbose: 0, classWeight });
      tf.dispose([xt, yt]);
      epochsRun = epoch + 1;
      if (!xv || !yv) continue;
      const loss = tf.tidy(() => {
        const p = (model.predict(xv) as import('@tensorflow/tfjs').Tensor).clipByValue(1e-7, 1 - 1e-7);
        return tf.losses.logLoss(yv, p).dataSync()[0] as number;
      });
      if (loss < best - 1e-6) {
        best = loss;
        tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => w.clone());
        sinceBest = 0;
      } else if (++sinceBest >= spec.patience) {
        break;
      }
    }
    if (xv) model.setWeights(bestWeights);
    const weights = model.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) }));
    return { kind: 'mlp', spec, inputDim: x.cols, weights, epochsRun, bestValidLoss: best };
  } finally {
    tf.dispose(bestWeights);
    if (xv) tf.dispose([xv, yv as import('@tensorflow/tfjs').Tensor]);
    model.dispose();
  }
}

/** Probabilities per row (standardized features in, as in training). */
export async function predictMlp(m: MlpModel, x: Matrix): Promise<Float64Array> {
  const { tf, model } = await build(m.inputDim, m.spec);
  try {
    const weights = m.weights.map((w) => tf.tensor(Float32Array.from(w.values), [...w.shape]));
    model.setWeights(weights);
    tf.dispose(weights);
    const out = tf.tidy(() => {
      const xt = tf.tensor2d(Float32Array.from(x.values), [x.rows, x.cols]);
      return (model.predict(xt) as import('@tensorflow/tfjs').Tensor).dataSync();
    });
    return Float64Array.from(out);
  } finally {
    model.dispose();
  }
}
