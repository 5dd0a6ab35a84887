import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, request } from 'undici';
import { RemoteError } from '../errors/index.ts';
import { backoffDelay, type Clock, DEFAULT_RETRY, type RetryPolicy, systemClock } from './retry.ts';

/**
 * The one place that talks HTTP to MLflow: auth, JSON, MLflow's error bodies, and retries with backoff.
 * Everything it throws is a `RemoteError` with service `mlflow`, MLflow's `error_code` as `remoteCode`,
 * the HTTP status, and `retriable` telling whether trying again can help. Credentials go in headers only
 * and never into a message.
 */

export interface MlflowHttpOptions {
  /** `http(s)://host:port[/prefix]`; credentials in the URL are moved to basic auth and kept out of messages. */
  readonly trackingUri: string;
  /** Bearer token (`MLFLOW_TRACKING_TOKEN`); wins over username/password. */
  readonly token?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  readonly clock?: Clock | undefined;
  /** Source of jitter in [0, 1); seed it (`seededRandom`) for reproducible waits. */
  readonly random?: (() => number) | undefined;
  /** Time allowed for response headers, per attempt (default 60 s). */
  readonly timeoutMs?: number | undefined;
  /** An undici dispatcher to use instead of the client's own keep-alive agent. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Keep-alive connections per origin (default 8). */
  readonly connections?: number | undefined;
}

export type Query = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

export interface RawRequest {
  readonly query?: Query;
  readonly headers?: Readonly<Record<string, string>>;
  /** Called once per attempt, so that a stream body is opened afresh on each retry. */
  readonly body?: () => string | Buffer | Readable;
  /** Overrides the header timeout (uploads of large files need more). */
  readonly headersTimeoutMs?: number;
  /** An absolute URL elsewhere (a presigned part URL): sent without MLflow's credentials. */
  readonly absoluteUrl?: string;
}

/** Network failures where the request may not have reached the server, or may succeed when retried. */
const RETRIABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * 429 and 5xx (except 501 Not Implemented, which no retry will fix).
 *
 * @example
 * isRetriableStatus(503); // true
 * isRetriableStatus(501); // false
 */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** A status failure, with the server's Retry-After when it sent one. */
class HttpStatusError extends RemoteError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { status: number; remoteCode?: string; retryAfterMs?: number | undefined }) {
    super('mlflow', message, { status: options.status, remoteCode: options.remoteCode, retriable: isRetriableStatus(options.status) });
    this.retryAfterMs = options.retryAfterMs;
  }
}

function networkCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[] };
  const code = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

function clip(text: string, max = 600): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function retryAfter(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Splits credentials out of a tracking URI; the rest is safe to print.
 *
 * @example
 * parseTrackingUri('http://kol:pw@127.0.0.1:5000/'); // { baseUrl: 'http://127.0.0.1:5000', username: 'kol', password: 'pw' }
 */
export function parseTrackingUri(uri: string): { baseUrl: string; username?: string; password?: string } {
  const url = new URL(uri);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RemoteError(
      'mlflow',
      `tracking URI must be http(s):// for the REST client, got '${url.protocol}' — use createTrackingClient for file:// stores`,
    );
  }
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const baseUrl = url.href.replace(/\/+$/, '');
  return { baseUrl, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

export class MlflowHttp {
  /** The server's URL without credentials: safe for messages. */
  readonly baseUrl: string;
  readonly clock: Clock;
  private readonly authorization: string | undefined;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(options: MlflowHttpOptions) {
    const parsed = parseTrackingUri(options.trackingUri);
    this.baseUrl = parsed.baseUrl;
    const username = options.username ?? parsed.username;
    const password = options.password ?? parsed.password;
    if (options.token) this.authorization = `Bearer ${options.token}`;
    else if (username !== undefined && password !== undefined) {
      this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    this.policy = { ...DEFAULT_RETRY, ...(options.retry ?? {}) };
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ connections: options.connections ?? 8, keepAliveTimeout: 30_000, pipelining: 1 });
  }

  /**
   * A JSON call to an MLflow endpoint, retried when that can help.
   *
   * @example
   * const { run } = await http.json<{ run: unknown }>('GET', '/api/2.0/mlflow/runs/get', { query: { run_id } });
   */
  async json<T>(method: Dispatcher.HttpMethod, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const text = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const res = await this.raw(method, path, {
      ...(options.query ? { query: options.query } : {}),
      ...(text === undefined ? {} : { body: () => text, headers: { 'content-type': 'application/json' } }),
    });
    const body = await res.body.text();
    if (body === '') return {} as T;
    try {
      return JSON.parse(body) as T;
    } catch (error) {
      throw new RemoteError('mlflow', `${method} ${path} answered with something that is not JSON: ${clip(body, 200)}`, {
        status: res.statusCode,
        cause: error,
      });
    }
  }

  /**
   * A request whose successful response the caller reads (artifact downloads); failures are turned into
   * `RemoteError`s and retried like `json`. The caller must consume or dump the returned body.
   */
  async raw(method: Dispatcher.HttpMethod, path: string, options: RawRequest = {}): Promise<Dispatcher.ResponseData> {
    return this.retrying(`${method} ${path}`, () => this.send(method, path, options));
  }

  /**
   * Runs `fn` and retries it on retriable failures with exponential backoff and jitter; the final
   * error says how many attempts were made.
   */
  async retrying<T>(label: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        const remote = this.classify(label, error);
        if (!remote.retriable || attempt >= this.policy.maxAttempts) {
          if (attempt === 1) throw remote;
          throw new RemoteError('mlflow', `${remote.message.replace(/^mlflow: /, '')} (gave up after ${attempt} attempts)`, {
            retriable: remote.retriable,
            ...(remote.status === undefined ? {} : { status: remote.status }),
            ...(remote.remoteCode === undefined ? {} : { remoteCode: remote.remoteCode }),
            cause: remote,
          });
        }
        const wait = backoffDelay(attempt, this.policy, this.random);
        const hinted = remote instanceof HttpStatusError && remote.retryAfterMs !== undefined ? Math.min(remote.retryAfterMs, 60_000) : 0;
        await this.clock.sleep(Math.max(wait, hinted));
      }
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private url(path: string, query: Query | undefined, absolute?: string): string {
    const url = new URL(absolute ?? `${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, item);
      else url.searchParams.set(k, String(v));
    }
    return url.href;
  }

  /** One attempt, no retry: failures become `RemoteError`s (use inside `retrying`). */
  async send(method: Dispatcher.HttpMethod, path: string, options: RawRequest = {}): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (this.authorization && options.absoluteUrl === undefined) headers.authorization = this.authorization;
    const res = await request(this.url(path, options.query, options.absoluteUrl), {
      method,
      headers,
      ...(options.body ? { body: options.body() } : {}),
      dispatcher: this.dispatcher,
      headersTimeout: options.headersTimeoutMs ?? this.timeoutMs,
      bodyTimeout: options.headersTimeoutMs ?? this.timeoutMs,
    });
    if (res.statusCode >= 200 && res.statusCode < 300) return res;
    const text = await res.body.text().catch(() => '');
    let code: string | undefined;
    let message = clip(text, 300) || `HTTP ${res.statusCode}`;
    try {
      const parsed = JSON.parse(text) as { error_code?: unknown; message?: unknown };
      if (typeof parsed.error_code === 'string') code = parsed.error_code;
      if (typeof parsed.message === 'string') message = clip(parsed.message);
    } catch {
      // not MLflow's JSON (a proxy's HTML page, say): keep the clipped text
    }
    const where = options.absoluteUrl === undefined ? `${method} ${path}` : `${method} ${new URL(options.absoluteUrl).origin}`;
    throw new HttpStatusError(`${where} failed with ${res.statusCode}${code ? ` ${code}` : ''}: ${message}${hint(res.statusCode)}`, {
      status: res.statusCode,
      ...(code === undefined ? {} : { remoteCode: code }),
      retryAfterMs: retryAfter(res.headers['retry-after']),
    });
  }

  private classify(label: string, error: unknown): RemoteError {
    if (error instanceof RemoteError) return error;
    const code = networkCode(error);
    const retriable = code !== undefined && RETRIABLE_NETWORK.has(code);
    const what =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ECONNRESET'
          ? 'connection reset'
          : (code ?? String((error as Error)?.message ?? error));
    return new RemoteError(
      'mlflow',
      `${label}: cannot reach MLflow at ${this.baseUrl} (${what}) — is the server up? Start it with 'kol-sdk services up mlflow' or point MLFLOW_TRACKING_URI at a running server`,
      { retriable, ...(code ? { remoteCode: code } : {}), cause: error },
    );
  }
}

function hint(status: number): string {
  if (status === 401) return ' — check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD';
  if (status === 403) return ' — the credentials lack permission for this resource';
  return '';
}
