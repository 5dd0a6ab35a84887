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

/**
 * What both back ends offer: an MLflow server over REST (`RestTrackingClient`) and the local file store
 * (`LocalTrackingStore`). Code written against this interface runs unchanged on the `local` and
 * `cluster` profiles; `createTrackingClient(config)` picks the back end.
 */
export interface TrackingClient {
  readonly kind: 'rest' | 'local';
  /** Where the data goes, without credentials. */
  readonly location: string;

  // Experiments: names carry the configured prefix (`KOL_`).
  /**
   * @example
   * const id = await client.createExperiment('KOL_trust', { tags: { team: 'kol' } });
   */
  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Readonly<Record<string, string>> }): Promise<string>;
  /**
   * @example
   * (await client.getExperiment(id)).name; // 'KOL_trust'
   */
  getExperiment(experimentId: string): Promise<Experiment>;
  /**
   * Undefined when there is none (not an error).
   *
   * @example
   * const e = await client.getExperimentByName('KOL_trust');
   */
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  /** The experiment's id, creating it when missing. */
  ensureExperiment(name: string, options?: { tags?: Readonly<Record<string, string>> }): Promise<string>;
  /**
   * @example
   * const page = await client.searchExperiments({ filter: "name LIKE 'KOL_%'" });
   */
  searchExperiments(options?: SearchOptions & { viewType?: ViewType }): Promise<Page<Experiment>>;
  /**
   * @example
   * await client.setExperimentTag(id, 'owner', 'kol-ds');
   */
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;

  // Runs
  /**
   * @example
   * const run = await client.createRun({ experimentId, runName: 'gbdt-v1', tags: { model: 'gbdt' } });
   */
  createRun(options: CreateRunOptions): Promise<Run>;
  /**
   * @example
   * await client.updateRun(runId, { runName: 'gbdt-v2' });
   */
  updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo>;
  /** Ends a run: status FINISHED (or the one given) and end time now. */
  terminateRun(runId: string, status?: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'>): Promise<RunInfo>;
  /**
   * @example
   * const { data } = await client.getRun(runId); // data.params, data.tags, data.metrics (latest values)
   */
  getRun(runId: string): Promise<Run>;
  /**
   * One page; pass `nextPageToken` back as `pageToken` for the next.
   *
   * @example
   * const page = await client.searchRuns({ experimentIds: [id], filter: 'metrics.auc > 0.8', orderBy: ['metrics.auc DESC'] });
   */
  searchRuns(options: SearchRunsOptions): Promise<Page<Run>>;
  /** Every matching run, page after page. */
  iterateRuns(options: Omit<SearchRunsOptions, 'pageToken'>): AsyncIterable<Run>;
  /**
   * @example
   * await client.deleteRun(runId); // restoreRun(runId) brings it back
   */
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  /**
   * @example
   * await client.setRunTag(runId, 'stage', 'dev');
   */
  setRunTag(runId: string, key: string, value: string): Promise<void>;
  deleteRunTag(runId: string, key: string): Promise<void>;

  // Logging
  /**
   * Validates everything first (an `IssuesError` sends nothing), then sends it in as many requests as
   * MLflow's limits need; a failure part-way throws `LogBatchError` with exactly what was not logged.
   *
   * @example
   * await client.logBatch(runId, { metrics: [{ key: 'auc', value: 0.91, step: 3 }], params: { depth: 6 }, tags: { stage: 'dev' } });
   */
  logBatch(runId: string, batch: LogBatchInput): Promise<LogBatchResult>;
  logMetric(runId: string, key: string, value: number, options?: { step?: number; timestamp?: number }): Promise<void>;
  logParam(runId: string, key: string, value: string | number | boolean): Promise<void>;
  /**
   * One page of a metric's history (`metrics/get-history`).
   *
   * @example
   * const page = await client.getMetricHistory(runId, 'loss', { maxResults: 1000 });
   */
  getMetricHistory(runId: string, key: string, options?: { maxResults?: number; pageToken?: string }): Promise<Page<Metric>>;
  /** The whole history of a metric, all pages. */
  getFullMetricHistory(runId: string, key: string): Promise<Metric[]>;
  /**
   * @example
   * await client.logInputs(runId, [{ dataset: { name: 'gold.training', digest: 'a1b2', sourceType: 'iceberg', source: '{}' }, tags: { 'mlflow.data.context': 'training' } }]);
   */
  logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void>;

  // Artifacts
  /**
   * Uploads a file to `<artifactDir>/<file name>` (or the root); large files are streamed, never loaded whole.
   *
   * @example
   * await client.logArtifact(runId, 'out/model.json', 'model'); // → model/model.json
   */
  logArtifact(runId: string, localPath: string, artifactDir?: string): Promise<void>;
  /** Uploads every file under a folder, keeping its layout. */
  logArtifacts(runId: string, localDir: string, artifactDir?: string): Promise<void>;
  /** Uploads in-memory content to an artifact path (notes, small JSON). */
  logText(runId: string, artifactPath: string, content: string | Uint8Array): Promise<void>;
  /**
   * @example
   * await client.listArtifacts(runId, 'model'); // [{ path: 'model/model.json', isDir: false, fileSize: 1234 }]
   */
  listArtifacts(runId: string, path?: string): Promise<FileInfo[]>;
  /**
   * Downloads one artifact file to `localPath` (written whole, or not at all).
   *
   * @example
   * await client.downloadArtifact(runId, 'model/model.json', '/tmp/model.json');
   */
  downloadArtifact(runId: string, artifactPath: string, localPath: string): Promise<void>;

  // Model registry (aliases, not the deprecated stages)
  /**
   * @example
   * await client.createRegisteredModel('KOL_trust', { description: 'trust ensemble' });
   */
  createRegisteredModel(
    name: string,
    options?: { tags?: Readonly<Record<string, string>>; description?: string },
  ): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  searchRegisteredModels(options?: SearchOptions): Promise<Page<RegisteredModel>>;
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;
  /**
   * Registers `runs:/<runId>/<artifactPath>` as a new version and, unless `wait: false`, waits until it is READY.
   *
   * @example
   * const v = await client.createModelVersion({ name: 'KOL_trust', runId, artifactPath: 'model' });
   */
  createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion>;
  getModelVersion(name: string, version: string | number): Promise<ModelVersion>;
  /**
   * @example
   * const page = await client.searchModelVersions({ filter: "name = 'KOL_trust'" });
   */
  searchModelVersions(options?: SearchOptions): Promise<Page<ModelVersion>>;
  setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void>;
  deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void>;
  /** Polls until READY; throws on FAILED_REGISTRATION or after the timeout. */
  waitForModelVersion(name: string, version: string | number, options?: WaitOptions): Promise<ModelVersion>;
  /**
   * @example
   * await client.setAlias('KOL_trust', 'champion', v.version);
   */
  setAlias(name: string, alias: string, version: string | number): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
  /**
   * @example
   * const champion = await client.getModelVersionByAlias('KOL_trust', 'champion');
   */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;

  close(): Promise<void>;
}

export interface CreateRunOptions {
  readonly experimentId: string;
  readonly runName?: string;
  /** Defaults to now. */
  readonly startTime?: number;
  readonly tags?: Readonly<Record<string, string>>;
  readonly userId?: string;
}

export interface SearchRunsOptions extends SearchOptions {
  readonly experimentIds: readonly string[];
  readonly viewType?: ViewType;
}

export interface CreateModelVersionOptions {
  readonly name: string;
  readonly runId: string;
  /** The model's folder inside the run's artifacts, e.g. `model`. */
  readonly artifactPath: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly description?: string;
  /** Wait until READY (default true). */
  readonly wait?: boolean | WaitOptions;
}

export interface WaitOptions {
  /** Default 300 s. */
  readonly timeoutMs?: number;
  /** Default 1 s. */
  readonly intervalMs?: number;
}

/** What one `logBatch` call sent. */
export interface LogBatchResult {
  readonly requests: number;
  readonly metrics: number;
  readonly params: number;
  readonly tags: number;
}
