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
  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Readonly<Record<string, string>> }): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  /** Undefined when there is none (not an error). */
  getExperimentByName(name: string): Promise<Experiment | undefined>;
  /** The experiment's id, creating it when missing. */
  ensureExperiment(name: string, options?: { tags?: Readonly<Record<string, string>> }): Promise<string>;
  searchExperiments(options?: SearchOptions & { viewType?: ViewType }): Promise<Page<Experiment>>;
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;

  // Runs
  createRun(options: CreateRunOptions): Promise<Run>;
  updateRun(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo>;
  /** Ends a run: status FINISHED (or the one given) and end time now. */
  terminateRun(runId: string, status?: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'>): Promise<RunInfo>;
  getRun(runId: string): Promise<Run>;
  searchRuns(options: SearchRunsOptions): Promise<Page<Run>>;
  /** Every matching run, page after page. */
  iterateRuns(options: Omit<SearchRunsOptions, 'pageToken'>): AsyncIterable<Run>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  setRunTag(runId: string, key: string, value: string): Promise<void>;
  deleteRunTag(runId: string, key: string): Promise<void>;

  // Logging
  /** Validates everything first, then sends it in as many requests as MLflow's limits need. */
  logBatch(runId: string, batch: LogBatchInput): Promise<LogBatchResult>;
  logMetric(runId: string, key: string, value: number, options?: { step?: number; timestamp?: number }): Promise<void>;
  logParam(runId: string, key: string, value: string | number | boolean): Promise<void>;
  /** One page of a metric's history (`metrics/get-history`). */
  getMetricHistory(runId: string, key: string, options?: { maxResults?: number; pageToken?: string }): Promise<Page<Metric>>;
  /** The whole history of a metric, all pages. */
  getFullMetricHistory(runId: string, key: string): Promise<Metric[]>;
  logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void>;

  // Artifacts
  /** Uploads a file to `<artifactDir>/<file name>` (or the root); large files are streamed, never loaded whole. */
  logArtifact(runId: string, localPath: string, artifactDir?: string): Promise<void>;
  /** Uploads every file under a folder, keeping its layout. */
  logArtifacts(runId: string, localDir: string, artifactDir?: string): Promise<void>;
  /** Uploads in-memory content to an artifact path (notes, small JSON). */
  logText(runId: string, artifactPath: string, content: string | Uint8Array): Promise<void>;
  listArtifacts(runId: string, path?: string): Promise<FileInfo[]>;
  /** Downloads one artifact file to `localPath` (written whole, or not at all). */
  downloadArtifact(runId: string, artifactPath: string, localPath: string): Promise<void>;

  // Model registry (aliases, not the deprecated stages)
  createRegisteredModel(
    name: string,
    options?: { tags?: Readonly<Record<string, string>>; description?: string },
  ): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  searchRegisteredModels(options?: SearchOptions): Promise<Page<RegisteredModel>>;
  deleteRegisteredModel(name: string): Promise<void>;
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;
  /** Registers `runs:/<runId>/<artifactPath>` as a new version and, unless `wait: false`, waits until it is READY. */
  createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion>;
  getModelVersion(name: string, version: string | number): Promise<ModelVersion>;
  searchModelVersions(options?: SearchOptions): Promise<Page<ModelVersion>>;
  setModelVersionTag(name: string, version: string | number, key: string, value: string): Promise<void>;
  deleteModelVersionTag(name: string, version: string | number, key: string): Promise<void>;
  /** Polls until READY; throws on FAILED_REGISTRATION or after the timeout. */
  waitForModelVersion(name: string, version: string | number, options?: WaitOptions): Promise<ModelVersion>;
  setAlias(name: string, alias: string, version: string | number): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
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
