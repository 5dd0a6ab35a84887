/** Point-in-time training frames: the spine, feature sets computed as of each row, matured labels. */
export { buildTrainingFrame, duckdbRunner, frameMatrix, frameToArrow, type SqlRunner, type TrainingFrame } from './build.ts';
export { type CompiledFrame, compileTrainingFrame, featureSetsOf } from './compile.ts';
export type { LabelSpec, TrainingFrameSpec } from './spec.ts';
