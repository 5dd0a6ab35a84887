import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { KolConfig } from '../../sdk/config/index.ts';
import type { TrackingClient } from '../../sdk/mlflow/index.ts';
import { mlflow } from '../../sdk/services/index.ts';

/**
 * The cross-check shared by the integration tests: log one rich run (chunked past MLflow's limits, with
 * artifacts large and small, a dataset input and a registered model with two aliases) through a
 * TypeScript `TrackingClient`, then read it back with MLflow's own Python client.
 */

/** The services' MLflow virtualenv (`KOL_MLFLOW_PYTHON` overrides it). */
export function mlflowPython(config: KolConfig): string {
  return process.env.KOL_MLFLOW_PYTHON ?? join(config.services.cacheDir, 'mlflow', mlflow.version, 'venv', 'bin', 'python');
}

export interface ReadBack {
  experiment: { name: string; tags: Record<string, string> };
  run_name: string;
  status: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  latest: Record<string, number>;
  metrics: Record<string, [number, number, number][]>;
  inputs: { name: string; digest: string; source_type: string; source: string; tags: Record<string, string> }[];
  artifacts: Record<string, { size: number; listed_size: number | null; sha256: string }>;
  model?: {
    tags: Record<string, string>;
    aliases: Record<string, string>;
    versions: { version: string; source: string; run_id: string; status: string; tags: Record<string, string> }[];
    by_alias: Record<string, string>;
  };
}

/**
 * Runs `read_back.py` in `cwd` (MLflow's file registry opens a default `mlflow.db` in the working
 * folder, so never the repository) and parses its JSON.
 */
export async function readBack(
  python: string,
  cwd: string,
  args: { tracking_uri: string; run_id: string; model?: string; aliases?: string[] },
): Promise<ReadBack> {
  const { stdout } = await promisify(execFile)(python, [join(import.meta.dirname, 'py', 'read_back.py'), JSON.stringify(args)], {
    cwd,
    maxBuffer: 1 << 26,
    env: {
      ...process.env,
      MLFLOW_ALLOW_FILE_STORE: 'true',
      MLFLOW_TRACKING_URI: args.tracking_uri,
      MLFLOW_DISABLE_TELEMETRY: 'true',
      DO_NOT_TRACK: '1',
    },
  });
  return JSON.parse(stdout) as ReadBack;
}

export interface Logged {
  readonly experimentName: string;
  readonly modelName: string;
  readonly runId: string;
  readonly requests: number;
  readonly params: Record<string, string>;
  readonly tags: Record<string, string>;
  readonly metrics: Record<string, [number, number, number][]>;
  readonly artifacts: Record<string, { size: number; sha256: string }>;
}

const KEYS = ['loss', 'auc', 'er/7d', 'val loss', 'lr'];

function metricValue(key: string, step: number): number {
  switch (key) {
    case 'loss':
      return 1 / (step + 1);
    case 'auc':
      return 0.5 + Math.atan(step) / Math.PI;
    case 'er/7d':
      return step % 50 === 0 ? 1e-300 * (step + 1) : -Math.sin(step) * 1e6;
    case 'val loss':
      return step; // integer-valued floats
    default:
      return step % 2 === 0 ? 1e300 / (step + 1) : 0.1 + 0.2;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file of `bytes` random bytes written in 1 MiB blocks; returns its hash. */
async function bigFile(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let left = bytes; left > 0; left -= 1 << 20) {
    const block = randomBytes(Math.min(left, 1 << 20));
    hash.update(block);
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  return hash.digest('hex');
}

export async function logScenario(client: TrackingClient, dir: string, suffix: string, bigBytes: number): Promise<Logged> {
  const experimentName = `KOL_it_${suffix}`;
  const modelName = `KOL_it_model_${suffix}`;
  const experimentId = await client.ensureExperiment(experimentName, { tags: { team: 'kol' } });
  const run = await client.createRun({ experimentId, runName: 'cross-check', tags: { model: 'gbdt' } });
  const runId = run.info.runId;

  const params: Record<string, string> = {};
  for (let i = 0; i < 248; i++) params[`p${String(i).padStart(3, '0')}`] = `value-${i}`;
  params.long = 'x'.repeat(6000);
  params.unicode = 'ünïcödé ✓ 😀';
  const tags = { 'mlflow.runName': 'cross-check', model: 'gbdt', note: 'line one\nline two: yes', on: 'yes' };
  const t0 = 1_790_000_000_000;
  const metrics: Record<string, [number, number, number][]> = {};
  const flat = [];
  for (let step = 0; step < 500; step++) {
    for (const key of KEYS) {
      const point: [number, number, number] = [step, t0 + step, metricValue(key, step)];
      const history = metrics[key] ?? [];
      history.push(point);
      metrics[key] = history;
      flat.push({ key, step, timestamp: t0 + step, value: point[2] });
    }
  }
  const result = await client.logBatch(runId, { metrics: flat, params, tags: { note: tags.note, on: tags.on } });
  await client.logInputs(runId, [
    {
      dataset: { name: 'kol_gold.training', digest: 'd41d8cd9', sourceType: 'iceberg', source: '{"table":"kol_gold.training"}' },
      tags: { 'mlflow.data.context': 'training' },
    },
  ]);

  const artifacts: Record<string, { size: number; sha256: string }> = {};
  const readme = '# cross-check\n';
  await client.logText(runId, 'notes/readme.md', readme);
  artifacts['notes/readme.md'] = { size: Buffer.byteLength(readme), sha256: sha256(Buffer.from(readme)) };
  mkdirSync(join(dir, 'model', 'extra'), { recursive: true });
  const files: Record<string, string> = { 'model.json': '{"trees":[1,2,3]}', 'extra/a.txt': 'a', 'extra/b c.txt': 'b c' };
  for (const [rel, content] of Object.entries(files)) {
    writeFileSync(join(dir, 'model', rel), content);
    artifacts[`model/${rel}`] = { size: Buffer.byteLength(content), sha256: sha256(Buffer.from(content)) };
  }
  await client.logArtifacts(runId, join(dir, 'model'), 'model');
  const big = join(dir, 'blob.bin');
  artifacts['big/blob.bin'] = { size: bigBytes, sha256: await bigFile(big, bigBytes) };
  await client.logArtifact(runId, big, 'big');
  await client.terminateRun(runId);

  await client.createRegisteredModel(modelName, { tags: { owner: 'kol' } });
  const v1 = await client.createModelVersion({ name: modelName, runId, artifactPath: 'model', tags: { auc: '0.91' } });
  const v2 = await client.createModelVersion({ name: modelName, runId, artifactPath: 'model' });
  await client.setAlias(modelName, 'champion', v1.version);
  await client.setAlias(modelName, 'challenger', v2.version);

  return { experimentName, modelName, runId, requests: result.requests, params, tags, metrics, artifacts };
}
