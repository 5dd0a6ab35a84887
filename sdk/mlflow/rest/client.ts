import { RemoteError } from '../../errors/index.ts';
import { BaseTrackingClient, type CommonClientOptions } from '../base.ts';
import type { CreateModelVersionOptions, CreateRunOptions, LogBatchResult, SearchRunsOptions } from '../client.ts';
import { MlflowHttp, type MlflowHttpOptions } from '../http.ts';
import { type BatchLimits, MLFLOW_LIMITS } from '../limits.ts';
import type { Clock } from '../retry.ts';
import type {
  DatasetInput,
  Experiment,
  FileInfo,
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
  checkAlias,
  checkDatasetInputs,
  checkExperimentName,
  checkExperimentTag,
  checkModelName,
  checkRegistryTag,
  checkRunTag,
  type LogBatchInput,
  validateBatch,
} from '../validate.ts';
import type { NonFinitePolicy } from '../values.ts';
import { type ArtifactOptions, RestArtifacts } from './artifacts.ts';
import { sendBatches } from './log-batch.ts';
import { tagList, toExperiment, toMetric, toModelVersion, toRegisteredModel, toRun, toRunInfo } from './wire.ts';

const API = '/api/2.0/mlflow';
type Json = Record<string, unknown>;

export interface RestClientOptions extends MlflowHttpOptions, CommonClientOptions, ArtifactOptions {
  /** Shrinks the per-request limits (tests); never raise them above MLflow's. */
  readonly batchLimits?: BatchLimits;
}

function page<T>(items: T[], token: unknown): Page<T> {
  return { items, nextPageToken: typeof token === 'string' && token !== '' ? token : undefined };
}

/**
 * The MLflow client over REST (undici, keep-alive): experiments, runs, batched logging, metric history,
 * dataset inputs, artifacts through the server's proxy, and the model registry with aliases.
 *
 * @example
 * const client = new RestTrackingClient({ trackingUri: 'http://127.0.0.1:5000' });
 * const experimentId = await client.ensureExperiment('KOL_trust');
 * const run = await client.createRun({ experimentId, runName: 'gbdt-v1' });
 * await client.logBatch(run.info.runId, { params: { depth: 6 }, metrics: [{ key: 'auc', value: 0.91 }] });
 * await client.terminateRun(run.info.runId);
 */
export class RestTrackingClient extends BaseTrackingClient {
  readonly kind = 'rest' as const;
  readonly location: string;
  readonly http: MlflowHttp;
  protected readonly clock: Clock;
  private readonly prefix: string;
  private readonly nonFinite: NonFinitePolicy;
  private readonly limits: BatchLimits;
  private readonly artifacts: RestArtifacts;

  constructor(options: RestClientOptions) {
    super();
    this.http = new MlflowHttp(options);
    this.location = this.http.baseUrl;
    this.clock = this.http.clock;
    this.prefix = options.experimentPrefix ?? 'KOL_';
    this.nonFinite = options.nonFiniteMetrics ?? 'reject';
    this.limits = options.batchLimits ?? MLFLOW_LIMITS;
    this.artifacts = new RestArtifacts(this.http, async (runId) => (await this.getRun(runId)).info.artifactUri, options);
  }

  // Experiments

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Readonly<Record<string, string>> } = {},
  ): Promise<string> {
    checkExperimentName(name, this.prefix);
    for (const [k, v] of Object.entries(options.tags ?? {})) checkExperimentTag(k, v);
    const res = await this.http.json<Json>('POST', `${API}/experiments/create`, {
      body: { name, ...(options.artifactLocation ? { artifact_location: options.artifactLocation } : {}), tags: tagList(options.tags) },
    });
    return String(res.experiment_id);
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const res = await this.http.json<Json>('GET', `${API}/experiments/get`, { query: { experiment_id: experimentId } });
    return toExperiment(res.experiment as Json);
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    checkExperimentName(name, this.prefix);
    try {
      const res = await this.http.json<Json>('GET', `${API}/experiments/get-by-name`, { query: { experiment_name: name } });
      return toExperiment(res.experiment as Json);
    } catch (error) {
      if (error instanceof RemoteError && error.remoteCode === 'RESOURCE_DOES_NOT_EXIST') return undefined;
      throw error;
    }
  }

  async searchExperiments(options: SearchOptions & { viewType?: ViewType } = {}): Promise<Page<Experiment>> {
    const res = await this.http.json<Json>('POST', `${API}/experiments/search`, {
      body: {
        max_results: options.maxResults ?? 1000,
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.orderBy ? { order_by: options.orderBy } : {}),
        ...(options.pageToken ? { page_token: options.pageToken } : {}),
        view_type: options.viewType ?? 'ACTIVE_ONLY',
      },
    });
    return page(((res.experiments as Json[]) ?? []).map(toExperiment), res.next_page_token);
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    checkExperimentTag(key, value);
    await this.http.json('POST', `${API}/experiments/set-experiment-tag`, { body: { experiment_id: experimentId, key, value } });
  }

  // Runs

  async createRun(options: CreateRunOptions): Promise<Run> {
    const tags = { ...(options.tags ?? {}), ...(options.userId ? { 'mlflow.user': options.userId } : {}) };
    for (const [k, v] of Object.entries(tags)) checkRunTag(k, v);
    const res = await this.http.json<Json>('POST', `${API}/runs/create`, {
      body: {
        experiment_id: options.experimentId,
        start_time: options.startTime ?? this.clock.now(),
        ...(options.runName ? { run_name: options.runName } : {}),
        ...(options.userId ? { user_id: options.userId } : {}),
        tags: tagList(tags),
      },
    });
    return toRun(res.run as Json);
  }

  async updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    const res = await this.http.json<Json>('POST', `${API}/runs/update`, {
      body: {
        run_id: runId,
        ...(update.status ? { status: update.status } : {}),
        ...(update.endTime !== undefined ? { end_time: update.endTime } : {}),
        ...(update.runName ? { run_name: update.runName } : {}),
      },
    });
    return toRunInfo(res.run_info as Json);
  }

  async getRun(runId: string): Promise<Run> {
    const res = await this.http.json<Json>('GET', `${API}/runs/get`, { query: { run_id: runId } });
    return toRun(res.run as Json);
  }

  async searchRuns(options: SearchRunsOptions): Promise<Page<Run>> {
    const res = await this.http.json<Json>('POST', `${API}/runs/search`, {
      body: {
        experiment_ids: options.experimentIds,
        max_results: options.maxResults ?? 1000,
        run_view_type: options.viewType ?? 'ACTIVE_ONLY',
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.orderBy ? { order_by: options.orderBy } : {}),
        ...(options.pageToken ? { page_token: options.pageToken } : {}),
      },
    });
    return page(((res.runs as Json[]) ?? []).map(toRun), res.next_page_token);
  }

  async deleteRun(runId: string): Promise<void> {
    await this.http.json('POST', `${API}/runs/delete`, { body: { run_id: runId } });
  }

  async restoreRun(runId: string): Promise<void> {
    await this.http.json('POST', `${API}/runs/restore`, { body: { run_id: runId } });
  }

  async setRunTag(runId: string, key: string, value: string): Promise<void> {
    checkRunTag(key, value);
    await this.http.json('POST', `${API}/runs/set-tag`, { body: { run_id: runId, key, value } });
  }

  async deleteRunTag(runId: string, key: string): Promise<void> {
    await this.http.json('POST', `${API}/runs/delete-tag`, { body: { run_id: runId, key } });
  }

  // Logging

  async logBatch(runId: string, batch: LogBatchInput): Promise<LogBatchResult> {
    const valid = validateBatch(batch, { now: this.clock.now(), nonFinite: this.nonFinite });
    return sendBatches(this.http, runId, valid, this.limits);
  }

  async getMetricHistory(runId: string, key: string, options: { maxResults?: number; pageToken?: string } = {}): Promise<Page<Metric>> {
    const res = await this.http.json<Json>('GET', `${API}/metrics/get-history`, {
      query: { run_id: runId, metric_key: key, max_results: options.maxResults, page_token: options.pageToken },
    });
    return page(((res.metrics as Json[]) ?? []).map(toMetric), res.next_page_token);
  }

  async logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void> {
    checkDatasetInputs(datasets);
    await this.http.json('POST', `${API}/runs/log-inputs`, {
      body: {
        run_id: runId,
        datasets: datasets.map((d) => ({
          tags: tagList(d.tags),
          dataset: {
            name: d.dataset.name,
            digest: d.dataset.digest,
            source_type: d.dataset.sourceType,
            source: d.dataset.source,
            ...(d.dataset.schema !== undefined ? { schema: d.dataset.schema } : {}),
            ...(d.dataset.profile !== undefined ? { profile: d.dataset.profile } : {}),
          },
        })),
      },
    });
  }

  // Artifacts

  logArtifact(runId: string, localPath: string, artifactDir?: string): Promise<void> {
    return this.artifacts.upload(runId, localPath, artifactDir);
  }

  logArtifacts(runId: string, localDir: string, artifactDir?: string): Promise<void> {
    return this.artifacts.uploadDir(runId, localDir, artifactDir);
  }

  logText(runId: string, artifactPath: string, content: string | Uint8Array): Promise<void> {
    return this.artifacts.uploadContent(runId, artifactPath, content);
  }

  listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    return this.artifacts.list(runId, path);
  }

  downloadArtifact(runId: string, artifactPath: string, localPath: string): Promise<void> {
    return this.artifacts.download(runId, artifactPath, localPath);
  }

  // Model registry

  async createRegisteredModel(
    name: string,
    options: { tags?: Readonly<Record<string, string>>; description?: string } = {},
  ): Promise<RegisteredModel> {
    checkModelName(name);
    for (const [k, v] of Object.entries(options.tags ?? {})) checkRegistryTag(k, v);
    const res = await this.http.json<Json>('POST', `${API}/registered-models/create`, {
      body: { name, tags: tagList(options.tags), ...(options.description ? { description: options.description } : {}) },
    });
    return toRegisteredModel(res.registered_model as Json);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    const res = await this.http.json<Json>('GET', `${API}/registered-models/get`, { query: { name } });
    return toRegisteredModel(res.registered_model as Json);
  }

  async searchRegisteredModels(options: SearchOptions = {}): Promise<Page<RegisteredModel>> {
    const res = await this.http.json<Json>('GET', `${API}/registered-models/search`, {
      query: { filter: options.filter, max_results: options.maxResults ?? 100, order_by: options.orderBy, page_token: options.pageToken },
    });
    return page(((res.registered_models as Json[]) ?? []).map(toRegisteredModel), res.next_page_token);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.http.json('DELETE', `${API}/registered-models/delete`, { body: { name } });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    checkRegistryTag(key, value);
    await this.http.json('POST', `${API}/registered-models/set-tag`, { body: { name, key, value } });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.http.json('DELETE', `${API}/registered-models/delete-tag`, { body: { name, key } });
  }

  async createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion> {
    checkModelName(options.name);
    for (const [k, v] of Object.entries(options.tags ?? {})) checkRegistryTag(k, v);
    const path = options.artifactPath.replace(/^\/+|\/+$/g, '');
    const res = await this.http.json<Json>('POST', `${API}/model-versions/create`, {
      body: {
        name: options.name,
        source: `runs:/${options.runId}/${path}`,
        run_id: options.runId,
        tags: tagList(options.tags),
        ...(options.description ? { description: options.description } : {}),
      },
    });
    const created = toModelVersion(res.model_version as Json);
    if (options.wait === false) return created;
    return this.waitForModelVersion(created.name, created.version, typeof options.wait === 'object' ? options.wait : {});
  }

  async getModelVersion(name: string, version: string | number): Promise<ModelVersion> {
    const res = await this.http.json<Json>('GET', `${API}/model-versions/get`, { query: { name, version: String(version) } });
    return toModelVersion(res.model_version as Json);
  }

  async searchModelVersions(options: SearchOptions = {}): Promise<Page<ModelVersion>> {
    const res = await this.http.json<Json>('GET', `${API}/model-versions/search`, {
      query: { filter: options.filter, max_results: options.maxResults ?? 1000, order_by: options.orderBy, page_token: options.pageToken },
    });
    return page(((res.model_versions as Json[]) ?? []).map(toModelVersion), res.next_page_token);
  }

  async setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> {
    checkRegistryTag(key, value);
    await this.http.json('POST', `${API}/model-versions/set-tag`, { body: { name, version: String(version), key, value } });
  }

  async deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void> {
    await this.http.json('DELETE', `${API}/model-versions/delete-tag`, { body: { name, version: String(version), key } });
  }

  async setAlias(name: string, alias: string, version: string | number): Promise<void> {
    checkAlias(alias);
    await this.http.json('POST', `${API}/registered-models/alias`, { body: { name, alias, version: String(version) } });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    checkAlias(alias);
    await this.http.json('DELETE', `${API}/registered-models/alias`, { body: { name, alias } });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const res = await this.http.json<Json>('GET', `${API}/registered-models/alias`, { query: { name, alias } });
    return toModelVersion(res.model_version as Json);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
