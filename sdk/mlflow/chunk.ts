import { type BatchLimits, MLFLOW_LIMITS } from './limits.ts';
import type { Metric } from './types.ts';
import type { KeyValue, NormalizedBatch } from './validate.ts';
import { metricValueJson } from './values.ts';

/** One `runs/log-batch` request: the items it carries and its JSON body, built once. */
export interface BatchChunk {
  readonly metrics: readonly Metric[];
  readonly params: readonly KeyValue[];
  readonly tags: readonly KeyValue[];
  readonly body: string;
  /** UTF-8 size of `body`, at most `limits.batchBytes`. */
  readonly bytes: number;
}

const enc = new TextEncoder();
// ASCII-only strings (the common case) need no encoding to be measured.
const NON_ASCII = /[\u0080-\uffff]/;
const byteLength = (s: string): number => (NON_ASCII.test(s) ? enc.encode(s).length : s.length);

export function metricJson(m: Metric): string {
  return `{"key":${JSON.stringify(m.key)},"value":${metricValueJson(m.value)},"timestamp":${m.timestamp},"step":${m.step}}`;
}

function keyValueJson(kv: KeyValue): string {
  return `{"key":${JSON.stringify(kv.key)},"value":${JSON.stringify(kv.value)}}`;
}

interface Lane<T> {
  readonly items: readonly T[];
  readonly json: readonly string[];
  readonly sizes: readonly number[];
  readonly perBatch: number;
  next: number;
}

function lane<T>(items: readonly T[], toJson: (t: T) => string, perBatch: number): Lane<T> {
  const json = items.map(toJson);
  return { items, json, sizes: json.map(byteLength), perBatch, next: 0 };
}

/**
 * Splits a validated batch into `log-batch` requests that each respect MLflow's limits: at most 1000
 * metrics, 100 params, 100 tags, 1000 entities in all, and 1 MB of JSON. Params go first in each request,
 * then tags, then metrics, so that a run's params land with its first request; order within each kind is
 * kept (a metric's history arrives in the order it was logged).
 *
 * @example
 * const chunks = planBatches(runId, validateBatch({ metrics }, { now: Date.now() }));
 * chunks.length; // 3 for 2,500 metrics
 */
export function planBatches(runId: string, batch: NormalizedBatch, limits: BatchLimits = MLFLOW_LIMITS): BatchChunk[] {
  const head = `{"run_id":${JSON.stringify(runId)},"metrics":[`;
  const base = byteLength(`${head}],"params":[],"tags":[]}`);
  const params = lane(batch.params, keyValueJson, limits.paramsPerBatch);
  const tags = lane(batch.tags, keyValueJson, limits.tagsPerBatch);
  const metrics = lane(batch.metrics, metricJson, limits.metricsPerBatch);
  const lanes = [params, tags, metrics] as const;
  const chunks: BatchChunk[] = [];

  while (lanes.some((l) => l.next < l.items.length)) {
    let bytes = base;
    let entities = 0;
    const taken: [number, number][] = [];
    let full = false;
    for (const l of lanes) {
      const start = l.next;
      while (!full && l.next < l.items.length && l.next - start < l.perBatch && entities < limits.entitiesPerBatch) {
        const add = (l.sizes[l.next] as number) + (l.next > start ? 1 : 0);
        if (bytes + add > limits.batchBytes) {
          full = true;
          break;
        }
        bytes += add;
        entities++;
        l.next++;
      }
      taken.push([start, l.next]);
    }
    if (entities === 0) {
      const l = lanes.find((x) => x.next < x.items.length) as Lane<unknown>;
      throw new RangeError(`one log-batch item is ${l.sizes[l.next]} bytes, more than the ${limits.batchBytes}-byte request limit`);
    }
    const [p, t, m] = taken as [[number, number], [number, number], [number, number]];
    const body = `${head}${metrics.json.slice(m[0], m[1]).join(',')}],"params":[${params.json.slice(p[0], p[1]).join(',')}],"tags":[${tags.json
      .slice(t[0], t[1])
      .join(',')}]}`;
    chunks.push({
      metrics: batch.metrics.slice(m[0], m[1]),
      params: batch.params.slice(p[0], p[1]),
      tags: batch.tags.slice(t[0], t[1]),
      body,
      bytes,
    });
  }
  return chunks;
}
