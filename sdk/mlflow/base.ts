import { RemoteError } from '../errors/index.ts';
import type {
  CreateModelVersionOptions,
  CreateRunOptions,
  LogBatchResult,
  SearchRunsOptions,
  TrackingClient,
  WaitOptions,
} from './client.ts';
import type { Clock } from './retry.ts';
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
} from './types.ts';
import type { LogBatchInput } from './validate.ts';
import type { NonFinitePolicy } from './values.ts';

/** Options both back ends share. */
export interface CommonClientOptions {
  /** Every experiment name must start with it (default `KOL_`). */
  readonly experimentPrefix?: string;
  /** NaN and ±Infinity metrics: refused (default) or sent as the Python client sends them. */
  readonly nonFiniteMetrics?: NonFinitePolicy;
  readonly clock?: Clock;
}

/**
 * What both back ends derive from their primitives: paging loops, get-or-create, one-value logging and
 * waiting for a model version. Keeping it here means the REST client and the local store cannot drift.
 */
export abstract class BaseTrackingClient implements TrackingClient {
  abstract readonly kind: 'rest' | 'local';
  abstract readonly location: string;
  protected abstract readonly clock: Clock;

  abstract createExperiment(
    name: string,
    options?: { artifactLocation?: string; tags?: Readonly<Record<string, string>> },
  ): Promise<string>;
  abstract getExperiment(experimentId: string): Promise<Experiment>;
  abstract getExperimentByName(name: string): Promise<Experiment | undefined>;
  abstract searchExperiments(options?: SearchOptions & { viewType?: ViewType }): Promise<Page<Experiment>>;
  abstract setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;
  abstract createRun(options: CreateRunOptions): Promise<Run>;
  abstract updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo>;
  abstract getRun(runId: string): Promise<Run>;
  abstract searchRuns(options: SearchRunsOptions): Promise<Page<Run>>;
  abstract deleteRun(runId: string): Promise<void>;
  abstract restoreRun(runId: string): Promise<void>;
  abstract setRunTag(runId: string, key: string, value: string): Promise<void>;
  abstract deleteRunTag(runId: string, key: string): Promise<void>;
  abstract logBatch(runId: string, batch: LogBatchInput): Promise<LogBatchResult>;
  abstract getMetricHistory(runId: string, key: string, options?: { maxResults?: number; pageToken?: string }): Promise<Page<Metric>>;
  abstract logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void>;
  abstract logArtifact(runId: string, localPath: string, artifactDir?: string): Promise<void>;
  abstract logArtifacts(runId: string, localDir: string, artifactDir?: string): Promise<void>;
  abstract logText(runId: string, artifactPath: string, content: string | Uint8Array): Promise<void>;
  abstract listArtifacts(runId: string, path?: string): Promise<FileInfo[]>;
  abstract downloadArtifact(runId: string, artifactPath: string, localPath: string): Promise<void>;
  abstract createRegisteredModel(
    name: string,
    options?: { tags?: Readonly<Record<string, string>>; description?: string },
  ): Promise<RegisteredModel>;
  abstract getRegisteredModel(name: string): Promise<RegisteredModel>;
  abstract searchRegisteredModels(options?: SearchOptions): Promise<Page<RegisteredModel>>;
  abstract deleteRegisteredModel(name: string): Promise<void>;
  abstract setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;
  abstract deleteRegisteredModelTag(name: string, key: string): Promise<void>;
  abstract createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion>;
  abstract getModelVersion(name: string, version: string | number): Promise<ModelVersion>;
  abstract searchModelVersions(options?: SearchOptions): Promise<Page<ModelVersion>>;
  abstract setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void>;
  abstract deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void>;
  abstract setAlias(name: string, alias: string, version: string | number): Promise<void>;
  abstract deleteAlias(name: string, alias: string): Promise<void>;
  abstract getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
  abstract close(): Promise<void>;

  /**
   * @example
   * const experimentId = await client.ensureExperiment('KOL_trust');
   */
  async ensureExperiment(name: string, options: { tags?: Readonly<Record<string, string>> } = {}): Promise<string> {
    const found = await this.getExperimentByName(name);
    if (found) {
      if (found.lifecycleStage === 'deleted') {
        throw new RemoteError('mlflow', `experiment '${name}' exists but is deleted — restore it in the MLflow UI or pick another name`, {
          remoteCode: 'INVALID_STATE',
        });
      }
      return found.experimentId;
    }
    try {
      return await this.createExperiment(name, options);
    } catch (error) {
      // Another process created it between our look-up and our create.
      if (error instanceof RemoteError && error.remoteCode === 'RESOURCE_ALREADY_EXISTS') {
        const again = await this.getExperimentByName(name);
        if (again) return again.experimentId;
      }
      throw error;
    }
  }

  /**
   * @example
   * await client.terminateRun(run.info.runId); // FINISHED, end time now
   */
  terminateRun(runId: string, status: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'> = 'FINISHED'): Promise<RunInfo> {
    return this.updateRun(runId, { status, endTime: this.clock.now() });
  }

  /**
   * @example
   * for await (const run of client.iterateRuns({ experimentIds: [id], filter: "tags.model = 'trust'" })) console.log(run.info.runId);
   */
  async *iterateRuns(options: Omit<SearchRunsOptions, 'pageToken'>): AsyncIterable<Run> {
    let pageToken: string | undefined;
    do {
      const page = await this.searchRuns({ ...options, ...(pageToken ? { pageToken } : {}) });
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  /**
   * @example
   * const history = await client.getFullMetricHistory(runId, 'loss'); // every step, all pages
   */
  async getFullMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const all: Metric[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.getMetricHistory(runId, key, { maxResults: 25_000, ...(pageToken ? { pageToken } : {}) });
      all.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return all;
  }

  /**
   * @example
   * await client.logMetric(runId, 'auc', 0.91, { step: 3 });
   */
  async logMetric(runId: string, key: string, value: number, options: { step?: number; timestamp?: number } = {}): Promise<void> {
    await this.logBatch(runId, { metrics: [{ key, value, ...options }] });
  }

  /**
   * @example
   * await client.logParam(runId, 'max_depth', 6);
   */
  async logParam(runId: string, key: string, value: string | number | boolean): Promise<void> {
    await this.logBatch(runId, { params: [{ key, value }] });
  }

  /**
   * @example
   * const v = await client.waitForModelVersion('KOL_trust', '3', { timeoutMs: 60_000 });
   */
  async waitForModelVersion(name: string, version: string | number, options: WaitOptions = {}): Promise<ModelVersion> {
    const timeoutMs = options.timeoutMs ?? 300_000;
    const intervalMs = options.intervalMs ?? 1000;
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const v = await this.getModelVersion(name, version);
      if (v.status === 'READY') return v;
      if (v.status === 'FAILED_REGISTRATION') {
        throw new RemoteError(
          'mlflow',
          `model version ${name} v${v.version} failed registration${v.statusMessage ? `: ${v.statusMessage}` : ''} — check that ${v.source} holds the model's files, then register again`,
          { remoteCode: 'FAILED_REGISTRATION', retriable: false },
        );
      }
      if (this.clock.now() + intervalMs > deadline) {
        throw new RemoteError(
          'mlflow',
          `model version ${name} v${v.version} is still ${v.status} after ${Math.round(timeoutMs / 1000)} s — the server may be copying large files; wait longer with waitForModelVersion(name, version, { timeoutMs })`,
          { remoteCode: 'DEADLINE_EXCEEDED', retriable: true },
        );
      }
      await this.clock.sleep(intervalMs);
    }
  }
}
