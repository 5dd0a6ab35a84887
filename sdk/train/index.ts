/** Training: learners, the stacked ensemble, calibration and metrics of the trust and success models. */

export * from './bundle/index.ts';
export { applyCalibrator, type Calibrator, fitIsotonic, fitPlatt } from './calibrate.ts';
export * from './card/index.ts';
export { type Ensemble, type EnsembleSpec, ensembleFromJSON, ensembleToJSON, predictEnsemble, trainEnsemble } from './ensemble.ts';
export { type ExperimentResult, type ExperimentSpec, type LabelledFrame, runExperiment } from './experiment.ts';
export * from './gbdt/index.ts';
export { fitLogistic, type LogisticModel, logisticLogit, predictLogistic } from './logistic.ts';
export * from './metrics/index.ts';
export { DEFAULT_MLP_SPEC, fitMlp, type MlpModel, type MlpSpec, predictMlp } from './mlp.ts';
export { fitPreprocessor, type Preprocessor, transform } from './preprocess.ts';
export { formatValue, type ReasonCode, type ReasonOptions, reasonCodes, renderTemplate, treeContributions } from './reasons.ts';
export { splitByEntity, splitByTime, splitHeldOutType } from './splits.ts';
