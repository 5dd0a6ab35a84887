/** The KOL model specs: one experiment definition per MLflow experiment, by name. */
import type { ExperimentDefinition } from './spec.ts';
import { successExperiment } from './success.ts';
import { trustExperiment } from './trust.ts';

export { defineExperiment, type ExperimentDefinition } from './spec.ts';
export { successExperiment } from './success.ts';
export { trustExperiment } from './trust.ts';

export const EXPERIMENTS: Readonly<Record<string, ExperimentDefinition>> = Object.freeze({
  KOL_trust: trustExperiment,
  KOL_success: successExperiment,
});
