import type {
  DatasetInput,
  Experiment,
  LifecycleStage,
  Metric,
  ModelVersion,
  ModelVersionStatus,
  RegisteredModel,
  Run,
  RunInfo,
  RunStatus,
} from '../types.ts';
import { parseMetricValue } from '../values.ts';

/**
 * MLflow's REST JSON (snake_case, int64 as numbers or strings, empty lists omitted) to the client's
 * entities. Fields absent from a response are treated as empty, as protobuf's JSON mapping omits
 * defaults.
 */

type Json = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const optStr = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export function tagRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of list(v)) out[str(t.key)] = str(t.value);
  return out;
}

/** Records to MLflow's `[{ key, value }]`. */
export function tagList(tags: Readonly<Record<string, string>> | undefined): { key: string; value: string }[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

export function toExperiment(e: Json): Experiment {
  return {
    experimentId: str(e.experiment_id),
    name: str(e.name),
    artifactLocation: str(e.artifact_location),
    lifecycleStage: (str(e.lifecycle_stage) || 'active') as LifecycleStage,
    creationTime: num(e.creation_time),
    lastUpdateTime: num(e.last_update_time),
    tags: tagRecord(e.tags),
  };
}

export function toRunInfo(i: Json): RunInfo {
  return {
    runId: str(i.run_id ?? i.run_uuid),
    runName: str(i.run_name),
    experimentId: str(i.experiment_id),
    userId: str(i.user_id),
    status: (str(i.status) || 'RUNNING') as RunStatus,
    startTime: num(i.start_time),
    endTime: num(i.end_time),
    artifactUri: str(i.artifact_uri),
    lifecycleStage: (str(i.lifecycle_stage) || 'active') as LifecycleStage,
  };
}

export function toMetric(m: Json): Metric {
  return { key: str(m.key), value: parseMetricValue(m.value), timestamp: num(m.timestamp) ?? 0, step: num(m.step) ?? 0 };
}

function toDatasetInput(d: Json): DatasetInput {
  const ds = (d.dataset ?? {}) as Json;
  return {
    dataset: {
      name: str(ds.name),
      digest: str(ds.digest),
      sourceType: str(ds.source_type),
      source: str(ds.source),
      schema: optStr(ds.schema),
      profile: optStr(ds.profile),
    },
    tags: tagRecord(d.tags),
  };
}

export function toRun(r: Json): Run {
  const data = (r.data ?? {}) as Json;
  const inputs = (r.inputs ?? {}) as Json;
  return {
    info: toRunInfo((r.info ?? {}) as Json),
    data: { metrics: list(data.metrics).map(toMetric), params: tagRecord(data.params), tags: tagRecord(data.tags) },
    inputs: list(inputs.dataset_inputs).map(toDatasetInput),
  };
}

export function toRegisteredModel(m: Json): RegisteredModel {
  const aliases: Record<string, string> = {};
  for (const a of list(m.aliases)) aliases[str(a.alias)] = str(a.version);
  return {
    name: str(m.name),
    creationTimestamp: num(m.creation_timestamp),
    lastUpdatedTimestamp: num(m.last_updated_timestamp),
    description: optStr(m.description),
    tags: tagRecord(m.tags),
    aliases,
  };
}

export function toModelVersion(v: Json): ModelVersion {
  return {
    name: str(v.name),
    version: str(v.version),
    creationTimestamp: num(v.creation_timestamp),
    lastUpdatedTimestamp: num(v.last_updated_timestamp),
    description: optStr(v.description),
    source: str(v.source),
    runId: optStr(v.run_id),
    status: (str(v.status) || 'READY') as ModelVersionStatus,
    statusMessage: optStr(v.status_message),
    tags: tagRecord(v.tags),
    aliases: Array.isArray(v.aliases) ? (v.aliases as unknown[]).map(str) : [],
  };
}
