/**
 * MLflow's server-side limits, as enforced by MLflow 3.17.2 (`mlflow/utils/validation.py`). The
 * client checks them before sending so that a bad value fails here, with its name, instead of being
 * silently truncated by the server (params and tags) or rejecting a whole batch.
 */
export const MLFLOW_LIMITS = {
  /** `runs/log-batch`: metrics per request. */
  metricsPerBatch: 1000,
  /** `runs/log-batch`: params per request. */
  paramsPerBatch: 100,
  /** `runs/log-batch`: tags per request. */
  tagsPerBatch: 100,
  /** `runs/log-batch`: metrics + params + tags per request (`MAX_ENTITIES_PER_BATCH`). */
  entitiesPerBatch: 1000,
  /** `runs/log-batch`: bytes of JSON per request (`MAX_BATCH_LOG_REQUEST_SIZE`, 1e6). */
  batchBytes: 1_000_000,
  /** Metric, param and tag keys. */
  keyLength: 250,
  /** Param values: longer ones are cut to this length by the server unless refused here. */
  paramValueLength: 6000,
  /** Run tag values: likewise cut by the server. */
  tagValueLength: 8000,
  experimentNameLength: 500,
  experimentTagKeyLength: 250,
  experimentTagValueLength: 20_000,
  registryTagKeyLength: 250,
  registryTagValueLength: 100_000,
  aliasLength: 255,
  datasetNameLength: 500,
  datasetDigestLength: 36,
  datasetSourceLength: 65_535,
  datasetSchemaLength: 1_048_575,
  inputTagKeyLength: 255,
  inputTagValueLength: 500,
  /** `max_results` ceiling of runs/experiments search. */
  searchMaxResults: 50_000,
} as const;

export type MlflowLimits = typeof MLFLOW_LIMITS;

/** The part of the limits that shapes `log-batch` requests; tests shrink them to probe the boundaries. */
export interface BatchLimits {
  readonly metricsPerBatch: number;
  readonly paramsPerBatch: number;
  readonly tagsPerBatch: number;
  readonly entitiesPerBatch: number;
  readonly batchBytes: number;
}
