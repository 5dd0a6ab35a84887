export { defineExperiment, type ExperimentDefinition } from '../sdk/jobs/index.ts';
