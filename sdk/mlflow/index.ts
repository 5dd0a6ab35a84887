/**
 * MLflow: one client interface (`TrackingClient`) over two back ends — an MLflow server over REST
 * (`RestTrackingClient`, undici) and the local file store under `.kol/mlruns` (`LocalTrackingStore`),
 * which MLflow itself reads (`MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ./.kol/mlruns`).
 * `createTrackingClient(config)` picks one from the tracking URI.
 *
 * Policies, in one place: experiment names carry the `KOL_` prefix; NaN/±Infinity metrics, params over
 * 6000 characters, tags over 8000 and bad keys are refused before sending (MLflow would store ±Infinity
 * as ±1.8e308 and silently cut long values); batches are split at MLflow's limits and a failure reports
 * exactly what was not logged (`LogBatchError.notLogged`); 429, 5xx (not 501) and dropped connections
 * are retried with exponential backoff and jitter; no deprecated stages, aliases only.
 */

// Options both back ends share (experiment prefix, NaN policy, clock).
export type { CommonClientOptions } from './base.ts';
// log-batch requests split at MLflow's limits (1000 metrics, 100 params, 100 tags, 1000 in all, 1 MB).
export { type BatchChunk, planBatches } from './chunk.ts';
// The interface both back ends implement, and its options.
export type {
  CreateModelVersionOptions,
  CreateRunOptions,
  LogBatchResult,
  SearchRunsOptions,
  TrackingClient,
  WaitOptions,
} from './client.ts';
// The back end for a profile, from its tracking URI.
export { createTrackingClient, type TrackingClientOverrides } from './create.ts';
// HTTP transport: auth, MLflow's error bodies as RemoteError, retries.
export { isRetriableStatus, MlflowHttp, type MlflowHttpOptions, parseTrackingUri } from './http.ts';
export { type BatchLimits, MLFLOW_LIMITS } from './limits.ts';
// The local file store (no server).
export { type LocalStoreOptions, LocalTrackingStore } from './local/store.ts';
// A log-batch that failed part-way: what is stored, what is not.
export { LogBatchError, type NotLogged } from './log-batch-error.ts';
export type { ArtifactOptions } from './rest/artifacts.ts';
// The REST client.
export { type RestClientOptions, RestTrackingClient } from './rest/client.ts';
// Time and jitter, injectable for deterministic tests.
export { backoffDelay, type Clock, DEFAULT_RETRY, FakeClock, type RetryPolicy, seededRandom, systemClock } from './retry.ts';
// Buffered logging for training loops.
export { RunLogger, type RunLoggerOptions } from './run-logger.ts';
// Entities, the same from both back ends.
export type {
  Dataset,
  DatasetInput,
  Experiment,
  FileInfo,
  LifecycleStage,
  Metric,
  MetricInput,
  ModelVersion,
  ModelVersionStatus,
  Page,
  RegisteredModel,
  Run,
  RunData,
  RunInfo,
  RunStatus,
  SearchOptions,
  ViewType,
} from './types.ts';
// Validation before sending (errors are IssuesError with code mlflow.invalid_input).
export {
  INVALID_INPUT,
  type KeyValue,
  keyProblem,
  type LogBatchInput,
  type NormalizedBatch,
  validateBatch,
} from './validate.ts';
// Metric values: the NaN policy and Python's float formatting used by the file store.
export { type NonFinitePolicy, parsePythonFloat, pythonFloatRepr } from './values.ts';
