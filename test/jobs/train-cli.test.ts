import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { createTrackingClient } from '../../sdk/mlflow/index.ts';
import { loadRegisteredModel } from '../../sdk/train/index.ts';

/**
 * The README's main job, as a user runs it: `kol-sdk train --experiment KOL_trust` on the embedded
 * default (committed xs world, local tracking store, no server), then the registry commands on what it
 * registered, then the registered bundle loaded by alias and scoring.
 */
const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'sdk', 'cli', 'bin.mjs');
const xs = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const cwd = mkdtempSync(join(tmpdir(), 'kol-train-'));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, KOL_EVENTS_DIR: xs };

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kol-sdk train on the embedded default', () => {
  let trained: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    trained = await cli(['train', '--experiment', 'KOL_trust', '--json']);
  }, 240_000);

  it('prints the run, the registered version and every metric the issue names', () => {
    expect(trained.code, trained.stderr).toBe(0);
    const out = JSON.parse(trained.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['experiment', 'metrics', 'model', 'run_id']);
    expect(out.experiment).toBe('KOL_trust');
    expect(out.model).toEqual({ name: 'KOL_trust', version: '1' });
    expect(out.run_id).toMatch(/^[0-9a-f]{32}$/);
    const metrics = out.metrics as Record<string, number | null>;
    expect(Object.keys(metrics).sort()).toEqual(['brier', 'ece', 'f1', 'heldout_fraud_roc_auc', 'oot_roc_auc', 'pr_auc', 'roc_auc']);
    for (const [k, v] of Object.entries(metrics)) {
      expect(v, k).not.toBeNull();
      expect(v as number, k).toBeGreaterThanOrEqual(0);
      expect(v as number, k).toBeLessThanOrEqual(1);
    }
    // Far better than chance even on 30 creators: the planted fraud is visible to the features.
    expect(metrics.roc_auc as number).toBeGreaterThan(0.7);
    expect(trained.stderr).toContain('building the point-in-time frame');
  });

  it('logs the run in MLflow file-store layout: params, metrics, the card, the model', () => {
    const run_id = (JSON.parse(trained.stdout) as { run_id: string }).run_id;
    const mlruns = join(cwd, '.kol', 'mlruns');
    const experiment = readdirSync(mlruns).find((d) => existsSync(join(mlruns, d, run_id)));
    expect(experiment).toBeDefined();
    const runDir = join(mlruns, experiment as string, run_id);
    for (const p of ['params/rows', 'metrics/test_roc_auc', 'artifacts/evaluation/evaluation_card.json', 'artifacts/model/MLmodel'])
      expect(existsSync(join(runDir, p)), p).toBe(true);
    for (const tag of ['creator_followers', 'creator_trust_view'])
      expect(existsSync(join(runDir, 'tags', `kol.feature_set.${tag}`)), tag).toBe(true);
  });

  it('lists, shows and aliases the registered model; the bundle loads by alias and scores', async () => {
    const list = await cli(['models', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((m) => m.name)).toEqual(['KOL_trust']);
    const bad = await cli(['models', 'alias', 'set', 'KOL_trust', 'champion', '9']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('has no version 9');
    const set = await cli(['models', 'alias', 'set', 'KOL_trust', 'champion', '1']);
    expect(set.code, set.stderr).toBe(0);
    const show = await cli(['models', 'show', 'KOL_trust', '--json']);
    const shown = JSON.parse(show.stdout) as { aliases: Record<string, string>; versions: { version: string; aliases: string[] }[] };
    expect(shown.aliases).toEqual({ champion: '1' });
    expect(shown.versions[0]?.aliases).toEqual(['champion']);

    const client = createTrackingClient(resolveConfig({ cwd, env: {} }));
    const model = await loadRegisteredModel(client, 'KOL_trust', { alias: 'champion' });
    const cols = model.meta.featureNames.length;
    const x = { rows: 2, cols, values: new Float64Array(2 * cols).fill(Number.NaN) };
    const { probability } = await model.score(x);
    expect(probability.length).toBe(2);
    for (const p of probability) expect(p).toBeGreaterThanOrEqual(0);
    expect(() => model.checkFeatureSets([{ name: 'creator_followers', hash: 'not-the-trained-definition' }])).toThrow();
  }, 180_000);

  it('refuses an unknown experiment with the known ones (exit 2)', async () => {
    const r = await cli(['train', '--experiment', 'KOL_trsut']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('KOL_trust');
  }, 60_000);
});
