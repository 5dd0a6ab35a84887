import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { worldOptions, writeWorld } from '../../data-samples/generator/index.ts';
import { trustExperiment } from '../../models/index.ts';
import { resolveConfig } from '../../sdk/config/index.ts';
import { buildTrainingFrame, featureSetsOf } from '../../sdk/frame/index.ts';
import { eventTypesOf, expandEvents, labelledFrame, openJobEngine } from '../../sdk/jobs/index.ts';
import { binaryMetrics, predictEnsemble, splitByEntity, takeRows, trainEnsemble } from '../../sdk/train/index.ts';

/**
 * The trust model's quality gates on the scale-s world (400 creators × 120 days, seed 42): ROC-AUC ≥ 0.95
 * and expected calibration error ≤ 0.05 on creators never seen in training. The frame goes through the
 * feature definitions exactly as `kol-sdk train` builds it; only the in-distribution model is trained here
 * (the command also trains the out-of-time and held-out-type models).
 */
const dir = mkdtempSync(join(tmpdir(), 'kol-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trust quality gates on the scale-s world', () => {
  it('ROC-AUC ≥ 0.95 and ECE ≤ 0.05 on held-out creators', async () => {
    await writeWorld(worldOptions('s', 42), dir);
    const config = { ...resolveConfig({ cwd: dir, env: {} }), events: { source: 'files' as const, dir } };
    const engine = await openJobEngine(config, eventTypesOf(trustExperiment));
    const frame = await buildTrainingFrame(
      {
        spine: { sql: expandEvents(trustExperiment.spine, engine.relation) },
        carry: trustExperiment.carry,
        features: trustExperiment.features,
        tables: engine.sourceTables(featureSetsOf(trustExperiment.features)),
      },
      engine.runner,
    ).finally(() => engine.close());
    const { labelled: f } = labelledFrame(frame, trustExperiment);
    expect(f.x.rows).toBe(400 * 16);
    const spec = trustExperiment.spec;
    const split = splitByEntity(f.entity, f.label, spec.testFraction, spec.ensemble.seed);
    const y = (idx: number[]) => Float64Array.from(idx, (i) => f.label[i] as number);
    const model = await trainEnsemble(takeRows(f.x, split.train), y(split.train), { spec: spec.ensemble, featureNames: f.featureNames });
    const { probability } = await predictEnsemble(model, takeRows(f.x, split.test));
    const m = binaryMetrics(probability, y(split.test), model.threshold);
    expect(m.roc_auc as number).toBeGreaterThanOrEqual(0.95);
    expect(m.ece).toBeLessThanOrEqual(0.05);
  }, 900_000);
});
