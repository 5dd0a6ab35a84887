/**
 * The entities the tracking client returns, in camelCase, the same whichever back end serves them (an
 * MLflow server over REST or the local file store). Tags and params are plain records: keys are unique
 * in MLflow, and a record is what notebooks want to print.
 */

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
export type LifecycleStage = 'active' | 'deleted';

export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: LifecycleStage;
  readonly creationTime: number | undefined;
  readonly lastUpdateTime: number | undefined;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RunInfo {
  readonly runId: string;
  readonly runName: string;
  readonly experimentId: string;
  readonly userId: string;
  readonly status: RunStatus;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly artifactUri: string;
  readonly lifecycleStage: LifecycleStage;
}

/** One logged value. `timestamp` is milliseconds since the epoch. */
export interface Metric {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly step: number;
}

/** A metric as the caller hands it in: timestamp defaults to now, step to 0. */
export interface MetricInput {
  readonly key: string;
  readonly value: number;
  readonly timestamp?: number;
  readonly step?: number;
}

export interface RunData {
  /** The latest value of each metric (highest step, then timestamp), as MLflow reports it. */
  readonly metrics: readonly Metric[];
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Dataset {
  readonly name: string;
  /** At most 36 characters (MLflow's limit), e.g. a short content hash. */
  readonly digest: string;
  /** e.g. `iceberg`, `local`, `code`. */
  readonly sourceType: string;
  /** Where the data came from, usually JSON such as `{"table":"kol_gold.training"}`. */
  readonly source: string;
  readonly schema?: string | undefined;
  readonly profile?: string | undefined;
}

export interface DatasetInput {
  readonly dataset: Dataset;
  /** `mlflow.data.context` (`training`, `evaluation`…) is the tag the MLflow UI shows. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

export interface Run {
  readonly info: RunInfo;
  readonly data: RunData;
  readonly inputs: readonly DatasetInput[];
}

/** One page of a search; pass `nextPageToken` back to get the next one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string | undefined;
}

export interface FileInfo {
  /** Relative to the run's artifact root, `/`-separated. */
  readonly path: string;
  readonly isDir: boolean;
  readonly fileSize: number | undefined;
}

export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

export interface RegisteredModel {
  readonly name: string;
  readonly creationTimestamp: number | undefined;
  readonly lastUpdatedTimestamp: number | undefined;
  readonly description: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  /** Alias → version, e.g. `{ champion: '3', challenger: '4' }`. */
  readonly aliases: Readonly<Record<string, string>>;
}

export interface ModelVersion {
  readonly name: string;
  /** A string, as MLflow sends it (`'1'`, `'2'`…). */
  readonly version: string;
  readonly creationTimestamp: number | undefined;
  readonly lastUpdatedTimestamp: number | undefined;
  readonly description: string | undefined;
  /** Where the model's files are, e.g. `runs:/<run_id>/model`. */
  readonly source: string;
  readonly runId: string | undefined;
  readonly status: ModelVersionStatus;
  readonly statusMessage: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: readonly string[];
}

/** Common search options; `maxResults` is per page. */
export interface SearchOptions {
  /** MLflow's filter syntax, e.g. `tags.team = 'kol' AND metrics.auc > 0.8`. */
  readonly filter?: string;
  /** e.g. `['metrics.auc DESC', 'attributes.start_time DESC']`. */
  readonly orderBy?: readonly string[];
  readonly maxResults?: number;
  readonly pageToken?: string;
}
