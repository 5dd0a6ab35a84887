/** Histogram gradient-boosted decision trees (leaf-wise, LightGBM-style), written in TypeScript. */
export { binCode, type FeatureBins, fitBins } from './binning.ts';
export {
  gbdtFromJSON,
  gbdtToJSON,
  predictGbdt,
  predictGbdtRaw,
  type TrainedGbdt,
  type TrainOptions,
  trainGbdt,
} from './booster.ts';
export { type Matrix, matrixFromRows, takeRows } from './matrix.ts';
export { DEFAULT_GBDT_PARAMS, type GbdtParams } from './params.ts';
export { seeded } from './random.ts';
export type { Tree } from './tree.ts';
