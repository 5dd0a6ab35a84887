import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { redactUrl } from '../../config/index.ts';
import { RemoteError } from '../../errors/index.ts';

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/** Status codes Trino's protocol asks clients to retry (the coordinator is busy or restarting). */
const RETRY_STATUS = new Set([429, 502, 503, 504]);
const RETRIES = 5;

/**
 * One HTTP exchange with Trino, retried with backoff on the statuses the protocol names as transient.
 * Connection failures become a retriable {@link RemoteError} with the fix; an aborted signal rejects
 * with the signal's reason (an AbortError), which the caller turns into a server-side cancel.
 */
export async function trinoHttp(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  headers: Readonly<Record<string, string>>,
  options: { body?: string; signal?: AbortSignal | undefined; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    let answer: HttpAnswer;
    try {
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const res = await request(url, { method, headers, body: options.body, signal });
      answer = { status: res.statusCode, text: await res.body.text() };
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const code = (error as { code?: string }).code ?? (error as Error).name;
      throw new RemoteError('trino', `cannot reach ${redactUrl(new URL(url).origin)} (${code}) — is it up? kol-sdk services up trino`, {
        retriable: true,
        cause: error,
      });
    }
    if (!RETRY_STATUS.has(answer.status) || attempt >= RETRIES) return answer;
    await sleep(50 * 2 ** attempt, undefined, options.signal ? { signal: options.signal } : undefined);
  }
}
