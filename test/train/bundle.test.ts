import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTrackingClient } from '../../sdk/mlflow/index.ts';
import { loadRegisteredModel, readBundle, registerBundle, writeBundle } from '../../sdk/train/bundle/index.ts';
import { type EnsembleSpec, type Matrix, predictEnsemble, seeded, trainEnsemble } from '../../sdk/train/index.ts';

function dataset(n: number, seed: number): { x: Matrix; y: Float64Array } {
  const rand = seeded(seed);
  const values = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) values[i * 3 + j] = rand() * 2 - 1;
    y[i] = rand() < 1 / (1 + Math.exp(-4 * ((values[i * 3] as number) - 0.3))) ? 1 : 0;
  }
  return { x: { rows: n, cols: 3, values }, y };
}

const spec: EnsembleSpec = {
  folds: 2,
  seed: 1,
  classWeight: 'balanced',
  gbdt: { numRounds: 20, numLeaves: 7 },
  logistic: { l2: 1 },
  mlp: { hidden: [8], epochs: 5 },
  meta: { l2: 0.1 },
  calibration: 'platt',
};

describe('model bundle', () => {
  it('writes an MLflow model directory, registers it, and loads it back by alias with identical scores', async () => {
    const train = dataset(600, 1);
    const test = dataset(200, 2);
    const featureNames = ['a', 'b', 'c'];
    const ensemble = await trainEnsemble(train.x, train.y, { spec, featureNames });
    const meta = {
      name: 'KOL_trust',
      task: 'binary' as const,
      kolSdkVersion: '0.1.0',
      featureSets: [{ name: 'creator_followers', version: 1, hash: 'abc123' }],
      featureNames,
      threshold: ensemble.threshold,
      createdAt: Date.UTC(2026, 0, 1),
    };
    const dir = mkdtempSync(join(tmpdir(), 'kol-bundle-'));
    writeBundle(dir, { meta, ensemble, evaluation: { roc_auc: 0.9 } });

    const mlmodel = parse(readFileSync(join(dir, 'MLmodel'), 'utf8')) as {
      flavors: { kol_sdk: { feature_sets: { hash: string }[]; model_file: string } };
      signature: { inputs: string };
    };
    expect(mlmodel.flavors.kol_sdk.feature_sets[0]?.hash).toBe('abc123');
    expect(JSON.parse(mlmodel.signature.inputs).map((c: { name: string }) => c.name)).toEqual(featureNames);

    const expected = (await predictEnsemble(ensemble, test.x)).probability;
    const local = await readBundle(dir).score(test.x);
    expect(Array.from(local.probability)).toEqual(Array.from(expected));
    expect(local.flagged.every((f, i) => f === ((expected[i] as number) >= meta.threshold ? 1 : 0))).toBe(true);

    const store = pathToFileURL(mkdtempSync(join(tmpdir(), 'kol-mlruns-'))).href;
    const client = createTrackingClient({
      mlflow: { trackingUri: store, experimentPrefix: 'KOL_', token: undefined, username: undefined, password: undefined },
    });
    const experimentId = await client.ensureExperiment('KOL_trust');
    const run = await client.createRun({ experimentId, runName: 'bundle-test', startTime: Date.UTC(2026, 0, 1) });
    const version = await registerBundle(client, run.info.runId, dir, 'KOL_trust');
    await client.setAlias('KOL_trust', 'champion', version.version);
    const loaded = await loadRegisteredModel(client, 'KOL_trust', { alias: 'champion' });
    expect(loaded.version.version).toBe(version.version);
    expect(Array.from((await loaded.score(test.x)).probability)).toEqual(Array.from(expected));
    expect(loaded.evaluation).toEqual({ roc_auc: 0.9 });
    expect(() => loaded.checkFeatureSets([{ name: 'creator_followers', hash: 'other' }])).toThrow(/changed since training/);
    expect(() => loaded.checkFeatureSets([{ name: 'creator_followers', hash: 'abc123' }])).not.toThrow();
    await expect(loaded.score({ rows: 1, cols: 2, values: new Float64Array(2) })).rejects.toThrow(/expects 3 features/);
    await client.close();
  }, 60_000);
});
