import type { LogBatchResult, TrackingClient } from './client.ts';
import { LogBatchError } from './log-batch-error.ts';
import type { Metric, RunStatus } from './types.ts';
import { type KeyValue, validateBatch } from './validate.ts';
import type { NonFinitePolicy } from './values.ts';

export interface RunLoggerOptions {
  /** Flush once this many metrics are buffered (default 1000: one full request). */
  readonly maxBufferedMetrics?: number;
  /** Also flush this often while values arrive (default 5 s; 0 turns the timer off). */
  readonly flushIntervalMs?: number;
  /** Must match the client's policy (default `reject`). */
  readonly nonFiniteMetrics?: NonFinitePolicy;
  /** Timestamps for metrics logged without one (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Buffers metrics, params and tags of one run and sends them in full `log-batch` requests. Each value is
 * validated when it is logged, so a bad one throws at the call that made it and never blocks the buffer.
 * A failed flush puts back exactly what was not stored (earlier requests stay stored) and throws; the
 * next flush sends it again, so nothing is lost.
 *
 * @example
 * const logger = await RunLogger.start(client, { experiment: 'KOL_trust', runName: 'gbdt' });
 * for (let step = 0; step < 100; step++) logger.metric('loss', losses[step], step);
 * logger.params({ depth: 6, eta: 0.1 });
 * await logger.end(); // flush, then mark the run FINISHED
 */
export class RunLogger {
  private metricsBuf: Metric[] = [];
  private paramsBuf: KeyValue[] = [];
  private tagsBuf: KeyValue[] = [];
  private readonly paramValues = new Map<string, string>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backgroundError: unknown;
  private readonly maxMetrics: number;
  private readonly intervalMs: number;
  private readonly nonFinite: NonFinitePolicy;
  private readonly now: () => number;

  constructor(
    readonly client: TrackingClient,
    readonly runId: string,
    options: RunLoggerOptions = {},
  ) {
    this.maxMetrics = options.maxBufferedMetrics ?? 1000;
    this.intervalMs = options.flushIntervalMs ?? 5000;
    this.nonFinite = options.nonFiniteMetrics ?? 'reject';
    this.now = options.now ?? Date.now;
  }

  /**
   * Creates (or reuses) the experiment, starts a run and returns its logger.
   *
   * @example
   * const logger = await RunLogger.start(client, { experiment: 'KOL_trust', tags: { model: 'gbdt' } });
   */
  static async start(
    client: TrackingClient,
    options: { experiment: string; runName?: string; tags?: Readonly<Record<string, string>> } & RunLoggerOptions,
  ): Promise<RunLogger> {
    const experimentId = await client.ensureExperiment(options.experiment);
    const run = await client.createRun({
      experimentId,
      ...(options.runName ? { runName: options.runName } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
    });
    return new RunLogger(client, run.info.runId, options);
  }

  /** Buffered items not yet sent. */
  get pending(): { metrics: number; params: number; tags: number } {
    return { metrics: this.metricsBuf.length, params: this.paramsBuf.length, tags: this.tagsBuf.length };
  }

  metric(key: string, value: number, step = 0, timestamp = this.now()): void {
    const [m] = validateBatch({ metrics: [{ key, value, step, timestamp }] }, { now: timestamp, nonFinite: this.nonFinite }).metrics;
    this.metricsBuf.push(m as Metric);
    this.after();
  }

  /** Several metrics at one step, e.g. `{ loss: 0.3, auc: 0.91 }`. */
  metrics(values: Readonly<Record<string, number>>, step = 0, timestamp = this.now()): void {
    const batch = validateBatch(
      { metrics: Object.entries(values).map(([key, value]) => ({ key, value, step, timestamp })) },
      { now: timestamp, nonFinite: this.nonFinite },
    );
    this.metricsBuf.push(...batch.metrics);
    this.after();
  }

  param(key: string, value: string | number | boolean): void {
    this.params({ [key]: value });
  }

  params(values: Readonly<Record<string, string | number | boolean>>): void {
    const batch = validateBatch({ params: values }, { now: 0 });
    for (const p of batch.params) {
      const before = this.paramValues.get(p.key);
      if (before !== undefined && before !== p.value) {
        validateBatch(
          {
            params: [
              { key: p.key, value: before },
              { key: p.key, value: p.value },
            ],
          },
          { now: 0 },
        );
      }
    }
    for (const p of batch.params) {
      if (this.paramValues.has(p.key)) continue;
      this.paramValues.set(p.key, p.value);
      this.paramsBuf.push(p);
    }
    this.after();
  }

  tag(key: string, value: string): void {
    const [t] = validateBatch({ tags: [{ key, value }] }, { now: 0 }).tags;
    this.tagsBuf.push(t as KeyValue);
    this.after();
  }

  /** The error of the last background flush that failed (its items are back in the buffer), if any. */
  get lastError(): unknown {
    return this.backgroundError;
  }

  /**
   * Sends everything buffered, including what a failed background flush put back; resolves when all of
   * it is stored, or throws with the unsent items still buffered.
   */
  async flush(): Promise<LogBatchResult> {
    this.clearTimer();
    const run = this.chain.then(() => this.send());
    this.chain = run.catch(() => undefined);
    const result = await run;
    this.backgroundError = undefined;
    return result;
  }

  /**
   * Flushes, then ends the run with `status` (FINISHED by default).
   *
   * @example
   * await logger.end('FAILED');
   */
  async end(status: Exclude<RunStatus, 'RUNNING' | 'SCHEDULED'> = 'FINISHED'): Promise<void> {
    await this.flush();
    await this.client.terminateRun(this.runId, status);
  }

  private async send(): Promise<LogBatchResult> {
    const batch = { metrics: this.metricsBuf, params: this.paramsBuf, tags: this.tagsBuf };
    this.metricsBuf = [];
    this.paramsBuf = [];
    this.tagsBuf = [];
    if (batch.metrics.length + batch.params.length + batch.tags.length === 0) return { requests: 0, metrics: 0, params: 0, tags: 0 };
    try {
      return await this.client.logBatch(this.runId, batch);
    } catch (error) {
      // Put back what did not reach the store, ahead of anything logged meanwhile.
      const back = error instanceof LogBatchError ? error.notLogged : batch;
      this.metricsBuf = [...back.metrics, ...this.metricsBuf];
      this.paramsBuf = [...back.params, ...this.paramsBuf];
      this.tagsBuf = [...back.tags, ...this.tagsBuf];
      throw error;
    }
  }

  private after(): void {
    if (this.metricsBuf.length >= this.maxMetrics || this.paramsBuf.length >= 100 || this.tagsBuf.length >= 100) {
      this.background();
    } else if (this.intervalMs > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => this.background(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  private background(): void {
    this.clearTimer();
    const run = this.chain.then(() => this.send());
    this.chain = run.catch((error: unknown) => {
      this.backgroundError = error;
    });
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
