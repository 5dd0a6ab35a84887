/**
 * MLflow: one client interface (`TrackingClient`) over two back ends — an MLflow server over REST
 * (`RestTrackingClient`, undici) and the local file store under `.kol/mlruns` (`LocalTrackingStore`),
 * which MLflow itself reads (`MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ./.kol/mlruns`).
 * `createTrackingClient(config)` picks one from the tracking URI.
 */

// Batching at MLflow's limits, validation before sending, and partial-failure reporting.
export { type BatchChunk, planBatches } from './chunk.ts';
// The interface, its entities and options.
export type {
  CreateModelVersionOptions,
  CreateRunOptions,
  LogBatchResult,
  SearchRunsOptions,
  TrackingClient,
  WaitOptions,
} from './client.ts';
export { isRetriableStatus, MlflowHttp, type MlflowHttpOptions } from './http.ts';
export { type BatchLimits, MLFLOW_LIMITS } from './limits.ts';
export { LogBatchError, type NotLogged } from './log-batch-error.ts';
export type { ArtifactOptions } from './rest/artifacts.ts';
// The REST client and its transport (auth, errors, retries).
export { type RestClientOptions, RestTrackingClient } from './rest/client.ts';
// Time and jitter, injectable for deterministic tests.
export { backoffDelay, type Clock, DEFAULT_RETRY, FakeClock, type RetryPolicy, seededRandom, systemClock } from './retry.ts';
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
export {
  INVALID_INPUT,
  type KeyValue,
  keyProblem,
  type LogBatchInput,
  type NormalizedBatch,
  validateBatch,
} from './validate.ts';
export { type NonFinitePolicy, pythonFloatRepr } from './values.ts';
