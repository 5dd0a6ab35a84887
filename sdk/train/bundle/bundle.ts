import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Ensemble, ensembleFromJSON, ensembleToJSON, predictEnsemble } from '../ensemble.ts';
import type { Matrix } from '../gbdt/matrix.ts';
import { type BundleMeta, EVALUATION_FILE, MODEL_FILE, mlmodelYaml } from './mlmodel.ts';

/**
 * An MLflow model directory for a trained ensemble: `MLmodel` (kol_sdk flavor + signature), the weights,
 * preprocessing, calibrator and threshold in `ensemble.json`, and the evaluation card.
 *
 * @example
 * writeBundle('out/model', { meta, ensemble, evaluation });
 * const model = readBundle('out/model');
 * const { probability } = await model.score(x);
 */
export function writeBundle(dir: string, bundle: { meta: BundleMeta; ensemble: Ensemble; evaluation: unknown }): void {
  if (bundle.meta.featureNames.length !== bundle.ensemble.featureNames.length) {
    throw new Error(
      `bundle meta lists ${bundle.meta.featureNames.length} features, the ensemble was trained on ${bundle.ensemble.featureNames.length}`,
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'MLmodel'), mlmodelYaml(bundle.meta));
  writeFileSync(join(dir, MODEL_FILE), JSON.stringify(ensembleToJSON(bundle.ensemble)));
  writeFileSync(join(dir, EVALUATION_FILE), `${JSON.stringify(bundle.evaluation, null, 2)}\n`);
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(bundle.meta, null, 2)}\n`);
}

export interface LoadedModel {
  readonly meta: BundleMeta;
  readonly ensemble: Ensemble;
  readonly evaluation: unknown;
  /**
   * Scores feature rows whose columns are `meta.featureNames` in order. The same function serves offline
   * scoring and the streaming scorer.
   */
  score(x: Matrix): Promise<{ probability: Float64Array; flagged: Uint8Array }>;
  /** Refuses to score features computed by other definitions than the ones the model was trained on. */
  checkFeatureSets(sets: readonly { name: string; hash: string }[]): void;
}

export function readBundle(dir: string): LoadedModel {
  const mlmodel = parse(readFileSync(join(dir, 'MLmodel'), 'utf8')) as { flavors?: { kol_sdk?: { model_file?: string } } };
  const flavor = mlmodel.flavors?.kol_sdk;
  if (!flavor) throw new Error(`${join(dir, 'MLmodel')} has no kol_sdk flavor — this is not a kol-sdk model`);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as BundleMeta;
  const ensemble = ensembleFromJSON(JSON.parse(readFileSync(join(dir, flavor.model_file ?? MODEL_FILE), 'utf8')));
  const evaluation = JSON.parse(readFileSync(join(dir, EVALUATION_FILE), 'utf8')) as unknown;
  return {
    meta,
    ensemble,
    evaluation,
    async score(x) {
      if (x.cols !== meta.featureNames.length) {
        throw new Error(`model ${meta.name} expects ${meta.featureNames.length} features (${meta.featureNames.join(', ')}), got ${x.cols}`);
      }
      const { probability } = await predictEnsemble(ensemble, x);
      return { probability, flagged: Uint8Array.from(probability, (p) => (p >= meta.threshold ? 1 : 0)) };
    },
    checkFeatureSets(sets) {
      const problems: string[] = [];
      for (const expected of meta.featureSets) {
        const got = sets.find((s) => s.name === expected.name);
        if (!got) problems.push(`feature set '${expected.name}' is missing`);
        else if (got.hash !== expected.hash) {
          problems.push(
            `feature set '${expected.name}' changed since training (hash ${got.hash.slice(0, 12)} ≠ ${expected.hash.slice(0, 12)})`,
          );
        }
      }
      if (problems.length > 0)
        throw new Error(`${problems.join('; ')} — retrain the model or score with the definitions it was trained on`);
    },
  };
}
