import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RemoteError } from '../../errors/index.ts';
import type { LogBatchResult } from '../client.ts';
import { LogBatchError } from '../log-batch-error.ts';
import type { DatasetInput, LifecycleStage, Metric, Run, RunInfo, RunStatus } from '../types.ts';
import type { KeyValue, NormalizedBatch } from '../validate.ts';
import { parsePythonFloat, pythonFloatRepr } from '../values.ts';
import { exists, invalid, notFound, readKeyFiles, writeKeyFile } from './files.ts';
import type { LocalLayout } from './layout.ts';
import { readYaml, writeYaml } from './yaml-io.ts';

/** Runs in the file store: meta.yaml, key files, metric lines and dataset inputs. */

/** MLflow's `RunStatus` enum numbers, which the file store writes. */
const STATUS_CODE: Record<RunStatus, number> = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 };
const STATUS_NAME = Object.fromEntries(Object.entries(STATUS_CODE).map(([k, v]) => [v, k])) as Record<number, RunStatus>;
const SOURCE_TYPE_LOCAL = 4;

export function runMetaDoc(info: RunInfo, deletedTime?: number | null): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    artifact_uri: info.artifactUri,
    end_time: info.endTime ?? null,
    entry_point_name: '',
    experiment_id: info.experimentId,
    lifecycle_stage: info.lifecycleStage,
    run_id: info.runId,
    run_name: info.runName,
    source_name: '',
    source_type: SOURCE_TYPE_LOCAL,
    source_version: '',
    start_time: info.startTime ?? null,
    status: STATUS_CODE[info.status],
    tags: [],
    user_id: info.userId,
  };
  if (deletedTime !== undefined) doc.deleted_time = deletedTime;
  return doc;
}

export function runInfoFromMeta(meta: Record<string, unknown>): RunInfo {
  const n = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
  return {
    runId: String(meta.run_id ?? meta.run_uuid),
    runName: String(meta.run_name ?? ''),
    experimentId: String(meta.experiment_id),
    userId: String(meta.user_id ?? ''),
    status: STATUS_NAME[Number(meta.status ?? 1)] ?? 'RUNNING',
    startTime: n(meta.start_time),
    endTime: n(meta.end_time),
    artifactUri: String(meta.artifact_uri ?? ''),
    lifecycleStage: (meta.lifecycle_stage ?? 'active') as LifecycleStage,
  };
}

function parseMetricLine(key: string, line: string): Metric {
  const [ts, value, step] = line.trim().split(' ');
  return { key, timestamp: Number(ts), value: parsePythonFloat(value ?? 'nan'), step: step === undefined ? 0 : Number(step) };
}

export async function readMetricFile(dir: string, key: string): Promise<Metric[]> {
  let text: string;
  try {
    text = await readFile(join(dir, 'metrics', ...key.split('/')), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => parseMetricLine(key, l));
}

/** The latest value per key, chosen as MLflow does: highest (step, timestamp, value). */
async function latestMetrics(dir: string): Promise<Metric[]> {
  const files = await readKeyFiles(join(dir, 'metrics'));
  return Object.entries(files).map(([key, text]) => {
    const all = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => parseMetricLine(key, l));
    return all.reduce((best, m) =>
      m.step > best.step ||
      (m.step === best.step && (m.timestamp > best.timestamp || (m.timestamp === best.timestamp && m.value > best.value)))
        ? m
        : best,
    );
  });
}

async function readInputs(runDir: string, experimentDir: string): Promise<DatasetInput[]> {
  const inputsDir = join(runDir, 'inputs');
  let ids: string[];
  try {
    ids = await readdir(inputsDir);
  } catch {
    return [];
  }
  const out: DatasetInput[] = [];
  for (const id of ids.sort()) {
    const input = await readYaml(join(inputsDir, id)).catch(() => undefined);
    if (input?.source_type !== 'DATASET') continue;
    const d = await readYaml(join(experimentDir, 'datasets', String(input.source_id))).catch(() => undefined);
    if (!d) continue;
    const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
    out.push({
      dataset: {
        name: String(d.name),
        digest: String(d.digest),
        sourceType: String(d.source_type),
        source: String(d.source),
        schema: opt(d.schema),
        profile: opt(d.profile),
      },
      tags: (input.tags as Record<string, string>) ?? {},
    });
  }
  return out;
}

export async function readRun(layout: LocalLayout, runId: string): Promise<Run> {
  const { dir } = await layout.runDir(runId);
  const info = runInfoFromMeta(await readYaml(dir));
  const [metrics, params, tags, inputs] = await Promise.all([
    latestMetrics(dir),
    readKeyFiles(join(dir, 'params')),
    readKeyFiles(join(dir, 'tags')),
    readInputs(dir, dirname(dir)),
  ]);
  return { info: { ...info, runName: info.runName || tags['mlflow.runName'] || '' }, data: { metrics, params, tags }, inputs };
}

export async function activeRun(layout: LocalLayout, runId: string): Promise<{ dir: string; info: RunInfo }> {
  const { dir } = await layout.runDir(runId);
  const info = runInfoFromMeta(await readYaml(dir));
  if (info.lifecycleStage !== 'active') {
    throw invalid(`run ${runId} is deleted — restore it (restoreRun) before logging to it`);
  }
  return { dir, info };
}

export async function writeRunInfo(layout: LocalLayout, info: RunInfo, deletedTime?: number): Promise<void> {
  const { dir } = await layout.runDir(info.runId);
  await writeYaml(dir, runMetaDoc(info, deletedTime));
}

/**
 * Writes a validated batch: params (after checking none conflicts with a stored value, so a conflict
 * writes nothing), metrics appended one key at a time, then tags. An I/O failure part-way reports
 * exactly what was not written, like the REST client does.
 */
export async function writeBatch(layout: LocalLayout, runId: string, batch: NormalizedBatch): Promise<LogBatchResult> {
  const { dir } = await activeRun(layout, runId);
  const stored = await readKeyFiles(join(dir, 'params'));
  const conflicts = batch.params.filter((p) => stored[p.key] !== undefined && stored[p.key] !== p.value);
  if (conflicts.length > 0) {
    throw invalid(
      `params are immutable: ${conflicts.map((p) => `'${p.key}'`).join(', ')} already logged with another value on run ${runId} — nothing in this batch was logged; log new values under new keys or in a new run`,
    );
  }
  const done = { requests: 1, metrics: 0, params: 0, tags: 0 };
  const byKey = new Map<string, Metric[]>();
  for (const m of batch.metrics) {
    const list = byKey.get(m.key);
    if (list) list.push(m);
    else byKey.set(m.key, [m]);
  }
  const writtenKeys = new Set<string>();
  try {
    for (const p of batch.params) {
      if (stored[p.key] === undefined) await writeKeyFile(join(dir, 'params'), p.key, p.value);
      done.params++;
    }
    for (const [key, list] of byKey) {
      const path = join(dir, 'metrics', ...key.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, list.map((m) => `${m.timestamp} ${pythonFloatRepr(m.value)} ${m.step}\n`).join(''), 'utf8');
      writtenKeys.add(key);
      done.metrics += list.length;
    }
    for (const t of batch.tags) {
      await writeKeyFile(join(dir, 'tags'), t.key, t.value);
      if (t.key === 'mlflow.runName') await renameRun(layout, runId, t.value);
      done.tags++;
    }
  } catch (error) {
    const cause =
      error instanceof RemoteError
        ? error
        : new RemoteError('mlflow', `writing to ${dir} failed: ${(error as Error).message}`, { cause: error });
    throw new LogBatchError(
      runId,
      1,
      1,
      { ...done, requests: 0 },
      {
        params: batch.params.slice(done.params),
        metrics: batch.metrics.filter((m) => !writtenKeys.has(m.key)),
        tags: batch.tags.slice(done.tags) as KeyValue[],
      },
      cause,
    );
  }
  return done;
}

async function renameRun(layout: LocalLayout, runId: string, runName: string): Promise<void> {
  const { dir } = await layout.runDir(runId);
  const meta = await readYaml(dir);
  if (meta.run_name !== runName) await writeYaml(dir, { ...meta, run_name: runName });
}

export async function setTag(layout: LocalLayout, runId: string, key: string, value: string): Promise<void> {
  const { dir } = await activeRun(layout, runId);
  await writeKeyFile(join(dir, 'tags'), key, value);
  if (key === 'mlflow.runName') await renameRun(layout, runId, value);
}

export async function deleteTag(layout: LocalLayout, runId: string, key: string): Promise<void> {
  const { dir } = await activeRun(layout, runId);
  const path = join(dir, 'tags', ...key.split('/'));
  if (!(await exists(path))) throw notFound(`tag '${key}' of run ${runId}`);
  await rm(path);
}

const md5 = (...parts: string[]): string => {
  const h = createHash('md5');
  for (const p of parts) h.update(p, 'utf8');
  return h.digest('hex');
};

/** Dataset inputs, with the ids MLflow derives (md5 of name+digest, then of dataset id+run id). */
export async function writeInputs(layout: LocalLayout, runId: string, datasets: readonly DatasetInput[]): Promise<void> {
  const { dir } = await activeRun(layout, runId);
  const experimentDir = dirname(dir);
  for (const input of datasets) {
    const d = input.dataset;
    const datasetId = md5(d.name, d.digest);
    const datasetDir = join(experimentDir, 'datasets', datasetId);
    if (!(await exists(join(datasetDir, 'meta.yaml')))) {
      await mkdir(datasetDir, { recursive: true });
      await writeYaml(datasetDir, {
        digest: d.digest,
        name: d.name,
        profile: d.profile ?? null,
        schema: d.schema ?? null,
        source: d.source,
        source_type: d.sourceType,
      });
    }
    const inputDir = join(dir, 'inputs', md5(datasetId, runId));
    if (!(await exists(join(inputDir, 'meta.yaml')))) {
      await mkdir(inputDir, { recursive: true });
      // destination_id repeats source_id: MLflow 3.17.2 writes it so, and reads only the source.
      await writeYaml(inputDir, {
        destination_id: datasetId,
        destination_type: 'RUN',
        source_id: datasetId,
        source_type: 'DATASET',
        tags: { ...(input.tags ?? {}) },
      });
    }
  }
}

/** The run's artifact folder, from its `artifact_uri` (a `file://` URI in this store). */
export async function artifactDir(layout: LocalLayout, runId: string): Promise<string> {
  const info = runInfoFromMeta(await layout.runMeta(runId));
  if (!info.artifactUri.startsWith('file:')) {
    throw invalid(`run ${runId} keeps artifacts at a non-local location; the local store only handles file:// artifact URIs`);
  }
  return fileURLToPath(info.artifactUri);
}
