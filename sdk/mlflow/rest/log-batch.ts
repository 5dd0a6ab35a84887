import { RemoteError } from '../../errors/index.ts';
import { planBatches } from '../chunk.ts';
import type { LogBatchResult } from '../client.ts';
import type { MlflowHttp } from '../http.ts';
import type { BatchLimits } from '../limits.ts';
import { LogBatchError } from '../log-batch-error.ts';
import type { NormalizedBatch } from '../validate.ts';

/**
 * Sends a validated batch as consecutive `runs/log-batch` requests, in order. Requests are not run in
 * parallel: a failure must leave a clean boundary — everything before it stored, everything from it on
 * reported in `LogBatchError.notLogged` (MLflow's SQL store applies one request in one transaction).
 * A request retried after a lost response may store its metrics twice; params are idempotent.
 */
export async function sendBatches(http: MlflowHttp, runId: string, batch: NormalizedBatch, limits?: BatchLimits): Promise<LogBatchResult> {
  const chunks = planBatches(runId, batch, limits);
  let done = { requests: 0, metrics: 0, params: 0, tags: 0 };
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as (typeof chunks)[number];
    try {
      await http.json('POST', '/api/2.0/mlflow/runs/log-batch', { body: chunk.body });
    } catch (error) {
      if (!(error instanceof RemoteError)) throw error;
      const rest = chunks.slice(i);
      throw new LogBatchError(
        runId,
        i + 1,
        chunks.length,
        done,
        { metrics: rest.flatMap((c) => c.metrics), params: rest.flatMap((c) => c.params), tags: rest.flatMap((c) => c.tags) },
        error,
      );
    }
    done = {
      requests: done.requests + 1,
      metrics: done.metrics + chunk.metrics.length,
      params: done.params + chunk.params.length,
      tags: done.tags + chunk.tags.length,
    };
  }
  return done;
}
