import { stringify } from 'yaml';

/** What the bundle says about itself: the `kol_sdk` flavor of the MLmodel file. */
export interface BundleMeta {
  readonly name: string;
  readonly task: 'binary';
  readonly kolSdkVersion: string;
  /** Feature sets the model was trained on, with content hashes: scoring refuses other definitions. */
  readonly featureSets: readonly { readonly name: string; readonly version: number; readonly hash: string }[];
  /** Model inputs in order (the frame's numeric feature columns). */
  readonly featureNames: readonly string[];
  readonly threshold: number;
  readonly runId?: string;
  /** Creation time (epoch ms), given by the caller so a bundle is reproducible. */
  readonly createdAt: number;
}

export const MODEL_FILE = 'ensemble.json';
export const EVALUATION_FILE = 'evaluation.json';

/**
 * The MLmodel file in MLflow's format: a `kol_sdk` flavor naming the weights file and the feature sets,
 * and a column signature so that MLflow's UI shows the inputs and outputs.
 */
export function mlmodelYaml(meta: BundleMeta): string {
  const signature = {
    inputs: JSON.stringify(meta.featureNames.map((name) => ({ type: 'double', name, required: false }))),
    outputs: JSON.stringify([
      { type: 'double', name: 'probability', required: true },
      { type: 'boolean', name: 'flagged', required: true },
    ]),
    params: null,
  };
  return stringify({
    artifact_path: 'model',
    flavors: {
      kol_sdk: {
        kol_sdk_version: meta.kolSdkVersion,
        model_file: MODEL_FILE,
        evaluation_file: EVALUATION_FILE,
        task: meta.task,
        name: meta.name,
        threshold: meta.threshold,
        feature_sets: meta.featureSets.map((s) => ({ name: s.name, version: s.version, hash: s.hash })),
      },
    },
    ...(meta.runId ? { run_id: meta.runId } : {}),
    signature,
    utc_time_created: new Date(meta.createdAt).toISOString().replace('T', ' ').replace('Z', ''),
  });
}
