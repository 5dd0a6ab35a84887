import { IssueCollector } from '../errors/index.ts';
import { MLFLOW_LIMITS } from './limits.ts';
import type { Dataset, DatasetInput, Metric, MetricInput } from './types.ts';
import { codePointLength, type NonFinitePolicy } from './values.ts';

/**
 * Checks made before anything is sent, each naming the offending value and the fix. They mirror what
 * MLflow 3.17.2 refuses or silently changes (`mlflow/utils/validation.py`): a value the server would
 * truncate is refused here instead, so what is stored is what was logged.
 */

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** What `logBatch` accepts: params and tags as a record or a list of `{ key, value }`. */
export interface LogBatchInput {
  readonly metrics?: readonly MetricInput[];
  readonly params?: Readonly<Record<string, string | number | boolean>> | readonly KeyValueInput[];
  readonly tags?: Readonly<Record<string, string>> | readonly KeyValueInput[];
}

export interface KeyValueInput {
  readonly key: string;
  readonly value: string | number | boolean;
}

/** A batch after validation: every metric has its timestamp and step, values are strings. */
export interface NormalizedBatch {
  readonly metrics: readonly Metric[];
  readonly params: readonly KeyValue[];
  readonly tags: readonly KeyValue[];
}

/** The error code of every validation failure thrown by the MLflow client. */
export const INVALID_INPUT = 'mlflow.invalid_input';

// Python's `\w` is Unicode-aware: letters, digits and underscore of any script.
const KEY_CHARS = /^[/\p{L}\p{N}_.\- :]*$/u;
const ALIAS_CHARS = /^[\p{L}\p{N}_-]*$/u;
const VERSION_LIKE_ALIAS = /^[vV]\d+$/;

/**
 * Why MLflow would refuse `key` as a metric, param or tag name, or undefined when it is fine. Keys
 * double as file names in the file store, so `a//b`, `./a`, `a/` and `..a` are refused like bad
 * characters.
 *
 * @example
 * keyProblem('val/auc'); // undefined
 * keyProblem('auc!'); // 'has characters MLflow refuses — …'
 */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'is empty — give every metric, param and tag a name';
  if (!KEY_CHARS.test(key)) {
    return 'has characters MLflow refuses — keys may contain only letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/)';
  }
  if (key.startsWith('..') || key.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return "is not a normalised path — no leading, trailing or doubled '/', and no '.' or '..' segments (MLflow stores keys as file names)";
  }
  if (codePointLength(key) > MLFLOW_LIMITS.keyLength) return `is longer than ${MLFLOW_LIMITS.keyLength} characters — shorten it`;
  return undefined;
}

function entries(
  input: Readonly<Record<string, string | number | boolean>> | readonly KeyValueInput[] | undefined,
): { key: string; value: unknown }[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return (input as readonly KeyValueInput[]).map((e) => ({ key: e.key, value: e.value }));
  return Object.entries(input).map(([key, value]) => ({ key, value }));
}

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

/**
 * Validates and normalises a batch; throws an `IssuesError` (code `mlflow.invalid_input`) listing every
 * problem when there is one, before anything is sent.
 *
 * @example
 * const batch = validateBatch({ metrics: [{ key: 'auc', value: 0.91, step: 3 }], params: { depth: 6 } }, { now: Date.now() });
 * batch.params; // [{ key: 'depth', value: '6' }]
 */
export function validateBatch(input: LogBatchInput, options: { now: number; nonFinite?: NonFinitePolicy }): NormalizedBatch {
  const issues = new IssueCollector();
  const nonFinite = options.nonFinite ?? 'reject';
  const metrics: Metric[] = [];
  (input.metrics ?? []).forEach((m, i) => {
    const path = `metrics[${i}]`;
    const bad = keyProblem(m.key);
    if (bad) issues.add('mlflow.bad_key', `${path}.key`, `metric key '${String(m.key)}' ${bad}`);
    const step = m.step ?? 0;
    const timestamp = m.timestamp ?? options.now;
    if (typeof m.value !== 'number') {
      issues.add(
        'mlflow.bad_metric',
        `${path}.value`,
        `metric '${m.key}' has value ${String(m.value)} of type ${typeof m.value} — pass a number`,
      );
    } else if (!Number.isFinite(m.value) && nonFinite === 'reject') {
      issues.add(
        'mlflow.non_finite_metric',
        `${path}.value`,
        `metric '${m.key}' at step ${step} is ${m.value} — MLflow keeps NaN but turns ±Infinity into ±1.8e308, so non-finite values are refused: ` +
          "log a finite value or skip the step, or pass { nonFiniteMetrics: 'send' } to send them as the Python client does",
      );
    }
    if (!Number.isSafeInteger(step))
      issues.add('mlflow.bad_metric', `${path}.step`, `metric '${m.key}' has step ${step} — steps are integers`);
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      issues.add(
        'mlflow.bad_metric',
        `${path}.timestamp`,
        `metric '${m.key}' has timestamp ${timestamp} — use milliseconds since the epoch (a non-negative integer)`,
      );
    }
    metrics.push({ key: m.key, value: m.value, timestamp, step });
  });

  const params: KeyValue[] = [];
  const seen = new Map<string, string>();
  entries(input.params).forEach(({ key, value }, i) => {
    const path = `params[${i}]`;
    const bad = keyProblem(key);
    if (bad) issues.add('mlflow.bad_key', `${path}.key`, `param key '${String(key)}' ${bad}`);
    const text = stringValue(value);
    if (text === undefined) {
      issues.add(
        'mlflow.bad_param',
        `${path}.value`,
        `param '${key}' has a value of type ${typeof value} — pass a string, number or boolean`,
      );
      return;
    }
    const length = codePointLength(text);
    if (length > MLFLOW_LIMITS.paramValueLength) {
      issues.add(
        'mlflow.param_too_long',
        `${path}.value`,
        `param '${key}' is ${length} characters; MLflow keeps at most ${MLFLOW_LIMITS.paramValueLength} and would cut the rest — shorten it or log the full value as an artifact (logText)`,
      );
    }
    const before = seen.get(key);
    if (before === undefined) {
      seen.set(key, text);
      params.push({ key, value: text });
    } else if (before !== text) {
      issues.add(
        'mlflow.param_conflict',
        `${path}.value`,
        `param '${key}' is given twice with different values — params are immutable in MLflow; log one value`,
      );
    }
  });

  const tags: KeyValue[] = [];
  entries(input.tags).forEach(({ key, value }, i) => {
    const path = `tags[${i}]`;
    const bad = keyProblem(key);
    if (bad) issues.add('mlflow.bad_key', `${path}.key`, `tag key '${String(key)}' ${bad}`);
    const text = stringValue(value);
    if (text === undefined) {
      issues.add('mlflow.bad_tag', `${path}.value`, `tag '${key}' has a value of type ${typeof value} — pass a string`);
      return;
    }
    const length = codePointLength(text);
    if (length > MLFLOW_LIMITS.tagValueLength) {
      issues.add(
        'mlflow.tag_too_long',
        `${path}.value`,
        `tag '${key}' is ${length} characters; MLflow keeps at most ${MLFLOW_LIMITS.tagValueLength} and would cut the rest — shorten it or log it as an artifact`,
      );
    }
    tags.push({ key, value: text });
  });

  issues.throwIfAny('MLflow refused the batch before sending: nothing in it was logged', INVALID_INPUT);
  return { metrics, params, tags };
}

/**
 * Experiment names carry the configured prefix (`KOL_`), so that the SDK's experiments never mix with
 * others on a shared server.
 */
export function checkExperimentName(name: string, prefix: string): void {
  const issues = new IssueCollector();
  if (typeof name !== 'string' || name.length === 0) {
    issues.add('mlflow.bad_experiment_name', 'name', 'experiment name is empty — name it, e.g. KOL_trust');
  } else if (!name.startsWith(prefix)) {
    issues.add(
      'mlflow.experiment_prefix',
      'name',
      `experiment name '${name}' must start with '${prefix}' (domain separation) — use '${prefix}${name}'`,
    );
  } else if (codePointLength(name) > MLFLOW_LIMITS.experimentNameLength) {
    issues.add(
      'mlflow.bad_experiment_name',
      'name',
      `experiment name is longer than ${MLFLOW_LIMITS.experimentNameLength} characters — shorten it`,
    );
  }
  issues.throwIfAny('invalid experiment name', INVALID_INPUT);
}

export function checkExperimentTag(key: string, value: string): void {
  const issues = new IssueCollector();
  const bad = keyProblem(key);
  if (bad) issues.add('mlflow.bad_key', 'key', `experiment tag key '${key}' ${bad}`);
  else if (codePointLength(key) > MLFLOW_LIMITS.experimentTagKeyLength) {
    issues.add('mlflow.bad_key', 'key', `experiment tag key is longer than ${MLFLOW_LIMITS.experimentTagKeyLength} characters`);
  }
  if (typeof value !== 'string') issues.add('mlflow.bad_tag', 'value', `experiment tag '${key}' must be a string`);
  else if (codePointLength(value) > MLFLOW_LIMITS.experimentTagValueLength) {
    issues.add(
      'mlflow.tag_too_long',
      'value',
      `experiment tag '${key}' is longer than ${MLFLOW_LIMITS.experimentTagValueLength} characters — shorten it`,
    );
  }
  issues.throwIfAny('invalid experiment tag', INVALID_INPUT);
}

/** One run tag set on its own (`runs/set-tag`). */
export function checkRunTag(key: string, value: string): void {
  validateBatch({ tags: [{ key, value }] }, { now: 0 });
}

/** Registered-model and model-version tags (longer values allowed than run tags). */
export function checkRegistryTag(key: string, value: string): void {
  const issues = new IssueCollector();
  const bad = keyProblem(key);
  if (bad) issues.add('mlflow.bad_key', 'key', `model tag key '${key}' ${bad}`);
  if (typeof value !== 'string') issues.add('mlflow.bad_tag', 'value', `model tag '${key}' must be a string`);
  else if (codePointLength(value) > MLFLOW_LIMITS.registryTagValueLength) {
    issues.add(
      'mlflow.tag_too_long',
      'value',
      `model tag '${key}' is longer than ${MLFLOW_LIMITS.registryTagValueLength} characters — shorten it`,
    );
  }
  issues.throwIfAny('invalid model tag', INVALID_INPUT);
}

/** Registered-model names double as folder names in the file store. */
export function checkModelName(name: string): void {
  const issues = new IssueCollector();
  if (typeof name !== 'string' || name.trim() === '')
    issues.add('mlflow.bad_model_name', 'name', 'model name is empty — name it, e.g. KOL_trust_ensemble');
  else if (/[/:%]/.test(name))
    issues.add(
      'mlflow.bad_model_name',
      'name',
      `model name '${name}' contains '/', ':' or '%' — MLflow refuses those; use letters, digits, '_', '-' or '.'`,
    );
  else if (name.startsWith('..') || name === '.')
    issues.add('mlflow.bad_model_name', 'name', `model name '${name}' is not a valid folder name`);
  issues.throwIfAny('invalid model name', INVALID_INPUT);
}

/** Aliases such as `champion` and `challenger`; `latest` and `v<n>` are reserved by MLflow. */
export function checkAlias(alias: string): void {
  const issues = new IssueCollector();
  if (typeof alias !== 'string' || alias === '')
    issues.add('mlflow.bad_alias', 'alias', "alias is empty — use e.g. 'champion' or 'challenger'");
  else if (!ALIAS_CHARS.test(alias)) {
    issues.add('mlflow.bad_alias', 'alias', `alias '${alias}' may contain only letters, digits, '_' and '-' — e.g. 'champion'`);
  } else if (alias.toLowerCase() === 'latest' || VERSION_LIKE_ALIAS.test(alias)) {
    issues.add('mlflow.bad_alias', 'alias', `alias '${alias}' is reserved by MLflow ('latest' and 'v<number>') — use e.g. 'champion'`);
  } else if (codePointLength(alias) > MLFLOW_LIMITS.aliasLength) {
    issues.add('mlflow.bad_alias', 'alias', `alias is longer than ${MLFLOW_LIMITS.aliasLength} characters`);
  }
  issues.throwIfAny('invalid alias', INVALID_INPUT);
}

/** Dataset inputs (`runs/log-inputs`), within MLflow's column sizes. */
export function checkDatasetInputs(inputs: readonly DatasetInput[]): void {
  const issues = new IssueCollector();
  inputs.forEach((input, i) => {
    const d: Dataset = input.dataset;
    const path = `datasets[${i}]`;
    const need = (field: keyof Dataset, limit: number): void => {
      const v = d[field];
      if (typeof v !== 'string' || v === '') {
        if (field === 'schema' || field === 'profile') return;
        issues.add('mlflow.bad_dataset', `${path}.${field}`, `dataset ${field} is missing — give name, digest, sourceType and source`);
      } else if (codePointLength(v) > limit) {
        issues.add('mlflow.bad_dataset', `${path}.${field}`, `dataset ${field} is longer than ${limit} characters (MLflow's limit)`);
      }
    };
    need('name', MLFLOW_LIMITS.datasetNameLength);
    need('digest', MLFLOW_LIMITS.datasetDigestLength);
    need('sourceType', MLFLOW_LIMITS.datasetSourceLength);
    need('source', MLFLOW_LIMITS.datasetSourceLength);
    need('schema', MLFLOW_LIMITS.datasetSchemaLength);
    for (const [key, value] of Object.entries(input.tags ?? {})) {
      if (codePointLength(key) > MLFLOW_LIMITS.inputTagKeyLength || codePointLength(value) > MLFLOW_LIMITS.inputTagValueLength) {
        issues.add(
          'mlflow.bad_dataset',
          `${path}.tags.${key}`,
          `input tag '${key}' exceeds MLflow's limits (${MLFLOW_LIMITS.inputTagKeyLength}-character key, ${MLFLOW_LIMITS.inputTagValueLength}-character value)`,
        );
      }
    }
  });
  issues.throwIfAny('invalid dataset inputs', INVALID_INPUT);
}
