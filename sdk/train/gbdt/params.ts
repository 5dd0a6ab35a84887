/** Hyperparameters of the histogram GBDT; names and defaults follow LightGBM's where they mean the same. */
export interface GbdtParams {
  readonly objective: 'binary' | 'regression';
  readonly numRounds: number;
  readonly learningRate: number;
  /** Leaf-wise growth stops a tree at this many leaves (LightGBM `num_leaves`). */
  readonly numLeaves: number;
  /** -1: unlimited. */
  readonly maxDepth: number;
  readonly minDataInLeaf: number;
  readonly minSumHessianInLeaf: number;
  readonly lambdaL2: number;
  /** A split must gain at least this much (LightGBM `min_gain_to_split`). */
  readonly minGainToSplit: number;
  readonly maxBin: number;
  /** Fraction of features considered per tree. */
  readonly featureFraction: number;
  /** Fraction of rows used per bagging round (1 = no bagging). */
  readonly baggingFraction: number;
  readonly baggingFreq: number;
  /** Weight of positive rows in `binary` (class imbalance). */
  readonly scalePosWeight: number;
  /** Stop when the validation loss has not improved for this many rounds (0: off). */
  readonly earlyStoppingRounds: number;
  readonly seed: number;
  /** Rows sampled to find bin bounds (LightGBM `bin_construct_sample_cnt`). */
  readonly binSampleSize: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = Object.freeze({
  objective: 'binary',
  numRounds: 100,
  learningRate: 0.1,
  numLeaves: 31,
  maxDepth: -1,
  minDataInLeaf: 20,
  minSumHessianInLeaf: 1e-3,
  lambdaL2: 0,
  minGainToSplit: 0,
  maxBin: 255,
  featureFraction: 1,
  baggingFraction: 1,
  baggingFreq: 0,
  scalePosWeight: 1,
  earlyStoppingRounds: 0,
  seed: 42,
  binSampleSize: 200_000,
});
