import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BaseTrackingClient, type CommonClientOptions } from '../base.ts';
import type { CreateModelVersionOptions, CreateRunOptions, LogBatchResult, SearchRunsOptions } from '../client.ts';
import { type Clock, systemClock } from '../retry.ts';
import type {
  DatasetInput,
  Experiment,
  FileInfo,
  LifecycleStage,
  Metric,
  ModelVersion,
  Page,
  RegisteredModel,
  Run,
  RunInfo,
  RunStatus,
  SearchOptions,
  ViewType,
} from '../types.ts';
import {
  checkDatasetInputs,
  checkExperimentName,
  checkExperimentTag,
  checkRunTag,
  type LogBatchInput,
  validateBatch,
} from '../validate.ts';
import type { NonFinitePolicy } from '../values.ts';
import * as artifacts from './artifacts.ts';
import { alreadyExists, exists, invalid, readKeyFiles, writeKeyFile } from './files.ts';
import { applyFilter, applyOrder, type FieldType, type FieldValue, paginate } from './filter.ts';
import { experimentMeta, LocalLayout, newExperimentId, newRunId, newRunName } from './layout.ts';
import { LocalRegistry } from './registry.ts';
import {
  activeRun,
  artifactDir,
  deleteTag,
  readMetricFile,
  readRun,
  runInfoFromMeta,
  runMetaDoc,
  setTag,
  writeBatch,
  writeInputs,
  writeRunInfo,
} from './runs.ts';
import { readYaml, writeYaml } from './yaml-io.ts';

export interface LocalStoreOptions extends CommonClientOptions {
  /** The store's folder, or a `file://` URI of it (the config's `mlflow.trackingUri`). */
  readonly root: string;
}

function resolveField(run: Run, type: FieldType, key: string): FieldValue {
  if (type === 'metric') return run.data.metrics.find((m) => m.key === key)?.value;
  if (type === 'param') return run.data.params[key];
  if (type === 'tag') return run.data.tags[key];
  const i = run.info;
  switch (key) {
    case 'run_id':
    case 'run_uuid':
      return i.runId;
    case 'run_name':
    case 'runName':
      return i.runName;
    case 'status':
      return i.status;
    case 'start_time':
      return i.startTime;
    case 'end_time':
      return i.endTime;
    case 'user_id':
      return i.userId;
    case 'artifact_uri':
      return i.artifactUri;
    case 'lifecycle_stage':
      return i.lifecycleStage;
    default:
      return undefined;
  }
}

function experimentField(e: Experiment, type: FieldType, key: string): FieldValue {
  if (type === 'tag') return e.tags[key];
  if (key === 'name') return e.name;
  if (key === 'experiment_id') return e.experimentId;
  if (key === 'creation_time') return e.creationTime;
  if (key === 'last_update_time') return e.lastUpdateTime;
  return undefined;
}

const viewMatches = (view: ViewType | undefined, stage: LifecycleStage): boolean =>
  (view ?? 'ACTIVE_ONLY') === 'ALL' || (view ?? 'ACTIVE_ONLY') === (stage === 'active' ? 'ACTIVE_ONLY' : 'DELETED_ONLY');

/**
 * The tracking client without a server: MLflow's file-store layout under `.kol/mlruns`, which MLflow
 * 3.17.2 reads back (its file store is in maintenance mode: set `MLFLOW_ALLOW_FILE_STORE=true`, e.g.
 * `MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ./.kol/mlruns`; `mlflow migrate-filestore
 * --source ./.kol/mlruns --target sqlite:///mlflow.db` moves it to a database). Same interface, limits
 * and validation as the REST client, so code moves between profiles unchanged.
 *
 * @example
 * const store = new LocalTrackingStore({ root: '.kol/mlruns' });
 * const run = await store.createRun({ experimentId: await store.ensureExperiment('KOL_trust') });
 * await store.logMetric(run.info.runId, 'auc', 0.91);
 */
export class LocalTrackingStore extends BaseTrackingClient {
  readonly kind = 'local' as const;
  readonly location: string;
  readonly root: string;
  protected readonly clock: Clock;
  private readonly layout: LocalLayout;
  private readonly registry: LocalRegistry;
  private readonly prefix: string;
  private readonly nonFinite: NonFinitePolicy;

  constructor(options: LocalStoreOptions) {
    super();
    this.root = options.root.startsWith('file:') ? fileURLToPath(options.root) : resolve(options.root);
    this.location = pathToFileURL(this.root).href;
    this.clock = options.clock ?? systemClock;
    this.layout = new LocalLayout(this.root, this.clock);
    this.registry = new LocalRegistry(this.layout);
    this.prefix = options.experimentPrefix ?? 'KOL_';
    this.nonFinite = options.nonFiniteMetrics ?? 'reject';
  }

  // Experiments

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Readonly<Record<string, string>> } = {},
  ): Promise<string> {
    checkExperimentName(name, this.prefix);
    for (const [k, v] of Object.entries(options.tags ?? {})) checkExperimentTag(k, v);
    const existing = await this.findExperimentByName(name);
    if (existing) {
      throw alreadyExists(
        existing.lifecycleStage === 'deleted'
          ? `Experiment '${name}' already exists in deleted state — restore it or pick another name`
          : `Experiment '${name}' already exists.`,
      );
    }
    const id = newExperimentId();
    const dir = join(this.root, id);
    await mkdir(dir, { recursive: true });
    await writeYaml(dir, experimentMeta(id, name, options.artifactLocation ?? this.layout.artifactLocation(id), this.clock.now()));
    for (const [k, v] of Object.entries(options.tags ?? {})) await writeKeyFile(join(dir, 'tags'), k, v);
    return id;
  }

  private async readExperiment(dir: string): Promise<Experiment> {
    const meta = await readYaml(dir);
    const n = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
    return {
      experimentId: String(meta.experiment_id),
      name: String(meta.name),
      artifactLocation: String(meta.artifact_location ?? ''),
      lifecycleStage: (meta.lifecycle_stage ?? 'active') as LifecycleStage,
      creationTime: n(meta.creation_time),
      lastUpdateTime: n(meta.last_update_time),
      tags: await readKeyFiles(join(dir, 'tags')),
    };
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    return this.readExperiment(await this.layout.experimentDir(experimentId));
  }

  private async allExperiments(): Promise<Experiment[]> {
    const out: Experiment[] = [];
    for (const e of await this.layout.experimentDirs()) {
      if (await exists(join(e.dir, 'meta.yaml'))) out.push(await this.readExperiment(e.dir));
    }
    return out;
  }

  private async findExperimentByName(name: string): Promise<Experiment | undefined> {
    return (await this.allExperiments()).find((e) => e.name === name);
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    checkExperimentName(name, this.prefix);
    return this.findExperimentByName(name);
  }

  async searchExperiments(options: SearchOptions & { viewType?: ViewType } = {}): Promise<Page<Experiment>> {
    const visible = (await this.allExperiments()).filter((e) => viewMatches(options.viewType, e.lifecycleStage));
    const found = applyOrder(applyFilter(visible, options.filter, experimentField), options.orderBy, experimentField, [
      'creation_time DESC',
      'experiment_id ASC',
    ]);
    return paginate(found, options.pageToken, options.maxResults ?? 1000);
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    checkExperimentTag(key, value);
    const dir = await this.layout.experimentDir(experimentId);
    if ((await this.readExperiment(dir)).lifecycleStage !== 'active')
      throw invalid(`experiment ${experimentId} is deleted — restore it before tagging`);
    await writeKeyFile(join(dir, 'tags'), key, value);
  }

  // Runs

  async createRun(options: CreateRunOptions): Promise<Run> {
    const tags: Record<string, string> = { ...(options.tags ?? {}), ...(options.userId ? { 'mlflow.user': options.userId } : {}) };
    for (const [k, v] of Object.entries(tags)) checkRunTag(k, v);
    const experiment = await this.getExperiment(options.experimentId);
    if (experiment.lifecycleStage !== 'active')
      throw invalid(`experiment ${options.experimentId} is deleted — runs cannot be created in it`);
    const runName = options.runName ?? tags['mlflow.runName'] ?? newRunName();
    tags['mlflow.runName'] = runName;
    const runId = newRunId();
    const dir = join(this.root, experiment.experimentId, runId);
    const info: RunInfo = {
      runId,
      runName,
      experimentId: experiment.experimentId,
      userId: options.userId ?? 'unknown',
      status: 'RUNNING',
      startTime: options.startTime ?? this.clock.now(),
      endTime: undefined,
      artifactUri: `${experiment.artifactLocation.replace(/\/+$/, '')}/${runId}/artifacts`,
      lifecycleStage: 'active',
    };
    for (const sub of ['metrics', 'params', 'artifacts']) await mkdir(join(dir, sub), { recursive: true });
    await writeYaml(dir, runMetaDoc(info, null));
    this.layout.remember(runId, experiment.experimentId, dir);
    for (const [k, v] of Object.entries(tags)) await writeKeyFile(join(dir, 'tags'), k, v);
    return readRun(this.layout, runId);
  }

  async updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    const { info } = await activeRun(this.layout, runId);
    const next: RunInfo = {
      ...info,
      ...(update.status ? { status: update.status } : {}),
      ...(update.endTime !== undefined ? { endTime: update.endTime } : {}),
      ...(update.runName ? { runName: update.runName } : {}),
    };
    await writeRunInfo(this.layout, next);
    if (update.runName) await setTag(this.layout, runId, 'mlflow.runName', update.runName);
    return next;
  }

  getRun(runId: string): Promise<Run> {
    return readRun(this.layout, runId);
  }

  async searchRuns(options: SearchRunsOptions): Promise<Page<Run>> {
    const runs: Run[] = [];
    for (const experimentId of options.experimentIds) {
      let dir: string;
      try {
        dir = await this.layout.experimentDir(experimentId);
      } catch {
        continue;
      }
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (!e.isDirectory() || ['tags', 'datasets', 'traces', 'models'].includes(e.name)) continue;
        if (!(await exists(join(dir, e.name, 'meta.yaml')))) continue;
        const meta = await readYaml(join(dir, e.name));
        if (!viewMatches(options.viewType, runInfoFromMeta(meta).lifecycleStage)) continue;
        this.layout.remember(e.name, experimentId, join(dir, e.name));
        runs.push(await readRun(this.layout, e.name));
      }
    }
    const found = applyOrder(applyFilter(runs, options.filter, resolveField), options.orderBy, resolveField, [
      'start_time DESC',
      'run_id ASC',
    ]);
    return paginate(found, options.pageToken, options.maxResults ?? 1000);
  }

  async deleteRun(runId: string): Promise<void> {
    const info = runInfoFromMeta(await this.layout.runMeta(runId));
    await writeRunInfo(this.layout, { ...info, lifecycleStage: 'deleted' }, this.clock.now());
  }

  async restoreRun(runId: string): Promise<void> {
    const info = runInfoFromMeta(await this.layout.runMeta(runId));
    await writeRunInfo(this.layout, { ...info, lifecycleStage: 'active' });
  }

  async setRunTag(runId: string, key: string, value: string): Promise<void> {
    checkRunTag(key, value);
    await setTag(this.layout, runId, key, value);
  }

  deleteRunTag(runId: string, key: string): Promise<void> {
    return deleteTag(this.layout, runId, key);
  }

  // Logging

  async logBatch(runId: string, batch: LogBatchInput): Promise<LogBatchResult> {
    const valid = validateBatch(batch, { now: this.clock.now(), nonFinite: this.nonFinite });
    return writeBatch(this.layout, runId, valid);
  }

  async getMetricHistory(runId: string, key: string, options: { maxResults?: number; pageToken?: string } = {}): Promise<Page<Metric>> {
    const { dir } = await this.layout.runDir(runId);
    const all = await readMetricFile(dir, key);
    return paginate(all, options.pageToken, options.maxResults ?? Number.MAX_SAFE_INTEGER);
  }

  async logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void> {
    checkDatasetInputs(datasets);
    await writeInputs(this.layout, runId, datasets);
  }

  // Artifacts

  async logArtifact(runId: string, localPath: string, artifactDirectory?: string): Promise<void> {
    await artifacts.copyIn(await artifactDir(this.layout, runId), localPath, artifactDirectory);
  }

  async logArtifacts(runId: string, localDir: string, artifactDirectory?: string): Promise<void> {
    await artifacts.copyDirIn(await artifactDir(this.layout, runId), localDir, artifactDirectory);
  }

  async logText(runId: string, artifactPath: string, content: string | Uint8Array): Promise<void> {
    await artifacts.writeContent(await artifactDir(this.layout, runId), artifactPath, content);
  }

  async listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    return artifacts.list(await artifactDir(this.layout, runId), path);
  }

  async downloadArtifact(runId: string, artifactPath: string, localPath: string): Promise<void> {
    await artifacts.copyOut(await artifactDir(this.layout, runId), artifactPath, localPath);
  }

  // Model registry

  createRegisteredModel(
    name: string,
    options?: { tags?: Readonly<Record<string, string>>; description?: string },
  ): Promise<RegisteredModel> {
    return this.registry.create(name, options);
  }
  getRegisteredModel(name: string): Promise<RegisteredModel> {
    return this.registry.get(name);
  }
  searchRegisteredModels(options?: SearchOptions): Promise<Page<RegisteredModel>> {
    return this.registry.search(options);
  }
  deleteRegisteredModel(name: string): Promise<void> {
    return this.registry.delete(name);
  }
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    return this.registry.setTag(name, key, value);
  }
  deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    return this.registry.deleteTag(name, key);
  }
  async createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion> {
    await this.layout.runDir(options.runId);
    const created = await this.registry.createVersion(options);
    if (options.wait === false) return created;
    return this.waitForModelVersion(created.name, created.version, typeof options.wait === 'object' ? options.wait : {});
  }
  getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    return this.registry.getVersion(name, version);
  }
  searchModelVersions(options?: SearchOptions): Promise<Page<ModelVersion>> {
    return this.registry.searchVersions(options);
  }
  setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> {
    return this.registry.setVersionTag(name, version, key, value);
  }
  deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void> {
    return this.registry.deleteVersionTag(name, version, key);
  }
  setAlias(name: string, alias: string, version: string | number): Promise<void> {
    return this.registry.setAlias(name, alias, version);
  }
  deleteAlias(name: string, alias: string): Promise<void> {
    return this.registry.deleteAlias(name, alias);
  }
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return this.registry.versionByAlias(name, alias);
  }

  async close(): Promise<void> {}
}
