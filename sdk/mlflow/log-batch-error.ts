import { RemoteError } from '../errors/index.ts';
import type { LogBatchResult } from './client.ts';
import type { Metric } from './types.ts';
import type { KeyValue } from './validate.ts';

/** The items of a batch that did not reach the store. */
export interface NotLogged {
  readonly metrics: readonly Metric[];
  readonly params: readonly KeyValue[];
  readonly tags: readonly KeyValue[];
}

function keys(items: readonly { key: string }[]): string {
  const unique = [...new Set(items.map((i) => i.key))];
  const shown = unique.slice(0, 5).join(', ');
  return unique.length > 5 ? `${shown}, … ${unique.length - 5} more` : shown;
}

/**
 * A `logBatch` that failed part-way. The requests before the failing one are stored and stay stored
 * (`logged`); `notLogged` holds exactly the items of the failing request and of every later one, ready
 * to pass back to `logBatch` once the cause is fixed. `retriable` and `status` are the cause's.
 *
 * @example
 * try { await client.logBatch(runId, { metrics }); }
 * catch (e) { if (e instanceof LogBatchError && e.retriable) await client.logBatch(runId, e.notLogged); }
 */
export class LogBatchError extends RemoteError {
  readonly runId: string;
  readonly logged: LogBatchResult;
  readonly notLogged: NotLogged;

  constructor(
    runId: string,
    failedRequest: number,
    totalRequests: number,
    logged: LogBatchResult,
    notLogged: NotLogged,
    cause: RemoteError,
  ) {
    const parts = [
      notLogged.metrics.length ? `${notLogged.metrics.length} metrics (${keys(notLogged.metrics)})` : '',
      notLogged.params.length ? `${notLogged.params.length} params (${keys(notLogged.params)})` : '',
      notLogged.tags.length ? `${notLogged.tags.length} tags (${keys(notLogged.tags)})` : '',
    ].filter(Boolean);
    super(
      'mlflow',
      `log-batch for run ${runId} stopped at request ${failedRequest} of ${totalRequests}: ` +
        `${logged.metrics} metrics, ${logged.params} params and ${logged.tags} tags are stored; not logged: ${parts.join(', ')} ` +
        `— ${cause.message.replace(/^mlflow: /, '')}. Pass error.notLogged to logBatch again once the cause is fixed`,
      {
        retriable: cause.retriable,
        ...(cause.status === undefined ? {} : { status: cause.status }),
        ...(cause.remoteCode === undefined ? {} : { remoteCode: cause.remoteCode }),
        cause,
      },
    );
    this.name = 'LogBatchError';
    this.runId = runId;
    this.logged = logged;
    this.notLogged = notLogged;
  }
}
