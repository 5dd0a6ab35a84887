/**
 * Batch jobs over the lake, as the CLI and notebooks run them: open the engine the profile says, build
 * point-in-time frames from feature definitions, train and log experiments.
 */
export { type BackfillResult, backfillFeatures } from './backfill.ts';
export { type JobBackend, type JobEngine, openJobEngine } from './engine.ts';
export { defineExperiment, type ExperimentDefinition } from './experiment.ts';
export { labelledFrame } from './labelled.ts';
export { type RegressionResult, trainRegression } from './regression.ts';
export { eventTypeOf, expandEvents, jsonlRelation, silverTablesIn } from './tables.ts';
export { eventTypesOf, type TrainJobOptions, type TrainJobResult, trainExperiment } from './train.ts';
