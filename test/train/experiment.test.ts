import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTrackingClient } from '../../sdk/mlflow/index.ts';
import { type LabelledFrame, runExperiment, seeded, splitByEntity, splitByTime, splitHeldOutType } from '../../sdk/train/index.ts';

/** 120 creators × 6 monthly as-of rows; fraud from two planted types, visible in two features. */
function frame(): LabelledFrame {
  const rand = seeded(7);
  const rows: number[][] = [];
  const label: number[] = [];
  const entity: string[] = [];
  const asOf: number[] = [];
  const tier: string[] = [];
  const types: string[][] = [];
  for (let c = 0; c < 120; c++) {
    const kind = c % 4 === 0 ? 'bought_followers' : c % 4 === 1 ? 'bot_comments' : 'honest';
    for (let m = 0; m < 6; m++) {
      const fraud = kind !== 'honest' && m >= 2;
      const spike = (fraud && kind === 'bought_followers' ? 3 : 0) + rand();
      const bots = (fraud && kind === 'bot_comments' ? 2.5 : 0) + rand();
      rows.push([spike, bots, rand()]);
      label.push(fraud ? 1 : 0);
      entity.push(`c${c}`);
      asOf.push(Date.UTC(2026, m, 1));
      tier.push(c % 2 === 0 ? 'micro' : 'mega');
      types.push(fraud ? [kind] : []);
    }
  }
  const values = Float64Array.from(rows.flat());
  return {
    x: { rows: rows.length, cols: 3, values },
    featureNames: ['follower_spike_z', 'bot_comment_share', 'noise'],
    label: Float64Array.from(label),
    entity,
    asOf,
    groups: { tier },
    types,
  };
}

describe('splits', () => {
  it('keep each entity on one side, cut time at a quantile, and hold a fraud type out of training', () => {
    const f = frame();
    const s = splitByEntity(f.entity, f.label, 0.25, 1);
    const trainEntities = new Set(s.train.map((i) => f.entity[i]));
    expect(s.test.some((i) => trainEntities.has(f.entity[i] as string))).toBe(false);
    expect(s.train.length + s.test.length).toBe(f.x.rows);
    const t = splitByTime(f.asOf, 0.6);
    expect(Math.max(...t.train.map((i) => f.asOf[i] as number))).toBeLessThan(Math.min(...t.test.map((i) => f.asOf[i] as number)));
    const h = splitHeldOutType(f.types ?? [], f.label, s, 'bot_comments');
    expect(h.train.some((i) => (f.types?.[i] ?? []).includes('bot_comments'))).toBe(false);
    expect(h.test.some((i) => (f.types?.[i] ?? []).includes('bot_comments'))).toBe(true);
  });
});

describe('runExperiment', () => {
  it('trains, evaluates, logs everything and registers a model version in the local store', async () => {
    const store = pathToFileURL(mkdtempSync(join(tmpdir(), 'kol-exp-'))).href;
    const client = createTrackingClient({
      mlflow: { trackingUri: store, experimentPrefix: 'KOL_', token: undefined, username: undefined, password: undefined },
    });
    const result = await runExperiment(
      frame(),
      {
        experiment: 'KOL_trust',
        testFraction: 0.25,
        outOfTimeQuantile: 0.6,
        heldOutType: 'bot_comments',
        ensemble: {
          folds: 3,
          seed: 3,
          classWeight: 'balanced',
          gbdt: { numRounds: 60, numLeaves: 7, minDataInLeaf: 5, earlyStoppingRounds: 10 },
          logistic: { l2: 1 },
          mlp: { hidden: [8], epochs: 10 },
          meta: { l2: 0.1 },
          calibration: 'platt',
        },
      },
      { client, featureSets: [{ name: 'creator_trust', version: 1, hash: 'h1' }], kolSdkVersion: '0.1.0', now: Date.UTC(2026, 10, 1) },
    );
    expect(result.metrics.roc_auc).toBeGreaterThan(0.9);
    expect(result.metrics.oot_roc_auc).not.toBeNull();
    expect(result.metrics.heldout_fraud_roc_auc).not.toBeNull();
    expect(result.model).toEqual({ name: 'KOL_trust', version: '1' });
    const run = await client.getRun(result.run_id);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.tags['kol.feature_set.creator_trust']).toBe('v1 h1');
    expect(run.data.metrics.find((m) => m.key === 'test_roc_auc')?.value).toBeCloseTo(result.metrics.roc_auc as number, 12);
    const files = (await client.listArtifacts(result.run_id, 'evaluation')).map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(['evaluation/evaluation_card.json', 'evaluation/roc.svg', 'evaluation/roc.plotly.json']));
    expect((await client.listArtifacts(result.run_id, 'model')).map((f) => f.path)).toContain('model/MLmodel');
    await client.close();
  }, 120_000);
});
