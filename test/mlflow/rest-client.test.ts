import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../sdk/errors/index.ts';
import { LogBatchError } from '../../sdk/mlflow/log-batch-error.ts';
import { type RestClientOptions, RestTrackingClient } from '../../sdk/mlflow/rest/client.ts';
import { backoffDelay, DEFAULT_RETRY, FakeClock, seededRandom } from '../../sdk/mlflow/retry.ts';
import { RunLogger } from '../../sdk/mlflow/run-logger.ts';
import { closedPort, FakeServer, type Reply, type Seen } from './fake-server.ts';

const RUN = 'abcdef0123456789abcdef0123456789';
let server: FakeServer;
let clock: FakeClock;
let tmp: string;

function client(options: Partial<RestClientOptions> = {}): RestTrackingClient {
  return new RestTrackingClient({ trackingUri: server.url, clock, random: seededRandom(7), ...options });
}

async function caught(p: Promise<unknown>): Promise<RemoteError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof RemoteError) return error;
    throw error;
  }
  throw new Error('expected a RemoteError');
}

beforeEach(async () => {
  clock = new FakeClock(1_700_000_000_000);
  server = await new FakeServer(() => ({ json: {} })).start();
  tmp = mkdtempSync(join(tmpdir(), 'kol-mlflow-'));
});

afterEach(async () => {
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('errors and retries', () => {
  it('retries 503 with exponential backoff and seeded jitter, on the injected clock', async () => {
    server.handler = (_req, i) =>
      i < 2 ? { status: 503, json: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' } } : { json: {} };
    const c = client();
    await c.setRunTag(RUN, 'k', 'v');
    const replay = seededRandom(7);
    expect(clock.sleeps).toEqual([backoffDelay(1, DEFAULT_RETRY, replay), backoffDelay(2, DEFAULT_RETRY, replay)]);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(100);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(200);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(200);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(400);
    expect(server.seen).toHaveLength(3);
    await c.close();
  });

  it("waits at least as long as a 429's Retry-After", async () => {
    server.handler = (_req, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '3' }, json: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' } }
        : { json: {} };
    const c = client();
    await c.setRunTag(RUN, 'k', 'v');
    expect(clock.sleeps).toEqual([3000]);
    await c.close();
  });

  it("does not retry a 4xx: the error carries MLflow's error_code, the status and retriable=false", async () => {
    server.handler = () => ({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${RUN} not found` } });
    const c = client();
    const e = await caught(c.getRun(RUN));
    expect(e).toMatchObject({ service: 'mlflow', status: 404, remoteCode: 'RESOURCE_DOES_NOT_EXIST', retriable: false });
    expect(e.message).toContain('GET /api/2.0/mlflow/runs/get failed with 404 RESOURCE_DOES_NOT_EXIST');
    expect(server.seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    await c.close();
  });

  it('does not retry 501 Not Implemented, but retries other 5xx', async () => {
    server.handler = () => ({ status: 501, json: { error_code: 'NOT_IMPLEMENTED', message: 'no' } });
    const c = client();
    expect(await caught(c.setRunTag(RUN, 'k', 'v'))).toMatchObject({ status: 501, retriable: false });
    expect(server.seen).toHaveLength(1);
    server.handler = () => ({ status: 500, text: '<html>proxy error</html>' });
    const e = await caught(c.setRunTag(RUN, 'k', 'v'));
    expect(e).toMatchObject({ status: 500, retriable: true });
    expect(e.message).toContain('gave up after 5 attempts');
    expect(server.seen).toHaveLength(1 + 5);
    await c.close();
  });

  it('retries a refused connection, then says the server is down and how to start it', async () => {
    const port = await closedPort();
    const c = new RestTrackingClient({ trackingUri: `http://127.0.0.1:${port}`, clock, random: seededRandom(1) });
    const e = await caught(c.getRun(RUN));
    expect(e).toMatchObject({ service: 'mlflow', retriable: true, remoteCode: 'ECONNREFUSED' });
    expect(e.message).toContain(`cannot reach MLflow at http://127.0.0.1:${port} (connection refused)`);
    expect(e.message).toContain('kol-sdk services up mlflow');
    expect(e.message).toContain('gave up after 5 attempts');
    expect(clock.sleeps).toHaveLength(4);
    await c.close();
  });

  it('sends a bearer token or basic auth and keeps both out of every message', async () => {
    server.handler = () => ({ status: 401, json: { error_code: 'UNAUTHENTICATED', message: 'no' } });
    const token = 'tok-SECRET-4242';
    const c1 = client({ token });
    const e1 = await caught(c1.getRun(RUN));
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(e1.message).toContain('MLFLOW_TRACKING_TOKEN');
    expect(JSON.stringify({ m: e1.message, s: String(e1.stack) })).not.toContain(token);

    const password = 'pw-SECRET-777';
    const c2 = new RestTrackingClient({ trackingUri: server.url.replace('http://', `http://kol:${password}@`), clock });
    expect(c2.location).toBe(server.url);
    const e2 = await caught(c2.getRun(RUN));
    expect(server.seen[1]?.headers.authorization).toBe(`Basic ${Buffer.from(`kol:${password}`).toString('base64')}`);
    expect(`${e2.message}${e2.stack}`).not.toContain(password);
    await c1.close();
    await c2.close();
  });
});

describe('logBatch partial failure', () => {
  const input = {
    metrics: Array.from({ length: 2500 }, (_, i) => ({ key: `m${i % 3}`, value: i, step: i, timestamp: 1 })),
    params: Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`p${i}`, String(i)])),
  };

  it('keeps the requests before the failing one and reports exactly what was not logged', async () => {
    let batches = 0;
    server.handler = (req) => {
      if (!req.path.endsWith('/runs/log-batch')) return { json: {} };
      batches++;
      return batches === 3 ? { status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE', message: 'refused' } } : { json: {} };
    };
    const c = client();
    const e = (await caught(c.logBatch(RUN, input))) as LogBatchError;
    expect(e).toBeInstanceOf(LogBatchError);
    expect(e.logged).toEqual({ requests: 2, metrics: 1800, params: 200, tags: 0 });
    expect(e.notLogged.metrics.map((m) => m.step)).toEqual(input.metrics.slice(1800).map((m) => m.step));
    expect(e.notLogged.params.map((p) => p.key)).toEqual(Object.keys(input.params).slice(200));
    expect(e).toMatchObject({ retriable: false, status: 400, remoteCode: 'INVALID_PARAMETER_VALUE' });
    expect(e.message).toContain('stopped at request 3 of 3');
    expect(e.message).toContain('1800 metrics, 200 params and 0 tags are stored');
    // What was sent before the failure is what MLflow stored: every metric of the first two requests.
    const sent = server.seen
      .slice(0, 2)
      .flatMap((s) => (JSON.parse(s.body.toString()) as { metrics: { step: number }[] }).metrics.map((m) => m.step));
    expect(sent).toEqual(input.metrics.slice(0, 1800).map((m) => m.step));
    await c.close();
  });

  it('marks the error retriable when retries of a 5xx ran out, and the rest can be sent again', async () => {
    let failing = true;
    let batches = 0;
    server.handler = (req) => {
      if (!req.path.endsWith('/runs/log-batch')) return { json: {} };
      batches++;
      return failing && batches >= 2
        ? { status: 503, json: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'db locked' } }
        : { json: {} };
    };
    const c = client({ retry: { maxAttempts: 3 } });
    const e = (await caught(c.logBatch(RUN, input))) as LogBatchError;
    expect(e.retriable).toBe(true);
    expect(e.logged.metrics).toBe(900);
    expect(batches).toBe(1 + 3);
    failing = false;
    const again = await c.logBatch(RUN, e.notLogged);
    expect(again.metrics + e.logged.metrics).toBe(2500);
    expect(again.params + e.logged.params).toBe(250);
    await c.close();
  });
});

describe('RunLogger', () => {
  it('flushes full requests, puts back what failed, and loses nothing', async () => {
    const received: number[] = [];
    let fail = 1;
    server.handler = (req) => {
      if (fail > 0) {
        fail--;
        return { status: 503, json: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'x' } };
      }
      received.push(...(JSON.parse(req.body.toString()) as { metrics: { step: number }[] }).metrics.map((m) => m.step));
      return { json: {} };
    };
    const c = client({ retry: { maxAttempts: 1 } });
    const logger = new RunLogger(c, RUN, { flushIntervalMs: 0, maxBufferedMetrics: 1_000_000, now: () => 5 });
    for (let step = 0; step < 1500; step++) logger.metric('loss', 1 / (step + 1), step);
    expect(() => logger.metric('loss', Number.NaN, 1500)).toThrow(/NaN/);
    await expect(logger.flush()).rejects.toThrow(/503/);
    expect(logger.pending.metrics).toBe(1500);
    const result = await logger.flush();
    expect(result).toMatchObject({ requests: 2, metrics: 1500 });
    expect(received).toEqual(Array.from({ length: 1500 }, (_, i) => i));
    expect(logger.pending.metrics).toBe(0);
    await c.close();
  });
});

describe('model versions', () => {
  it('polls until READY', async () => {
    const statuses = ['PENDING_REGISTRATION', 'PENDING_REGISTRATION', 'READY'];
    server.handler = (req) => {
      if (req.path.endsWith('/model-versions/create'))
        return { json: { model_version: { name: 'KOL_m', version: '4', status: 'PENDING_REGISTRATION' } } };
      return { json: { model_version: { name: 'KOL_m', version: '4', status: statuses.shift(), source: `runs:/${RUN}/model` } } };
    };
    const c = client();
    const v = await c.createModelVersion({ name: 'KOL_m', runId: RUN, artifactPath: 'model', wait: { intervalMs: 500 } });
    expect(v.status).toBe('READY');
    expect(clock.sleeps).toEqual([500, 500]);
    const create = JSON.parse(server.seen[0]?.body.toString() ?? '{}') as { source: string; run_id: string };
    expect(create).toMatchObject({ source: `runs:/${RUN}/model`, run_id: RUN });
    await c.close();
  });

  it('fails clearly on FAILED_REGISTRATION and on timeout', async () => {
    server.handler = () => ({
      json: {
        model_version: { name: 'KOL_m', version: '2', status: 'FAILED_REGISTRATION', status_message: 'copy failed', source: 's3://b/m' },
      },
    });
    const c = client();
    const e = await caught(c.waitForModelVersion('KOL_m', 2));
    expect(e).toMatchObject({ remoteCode: 'FAILED_REGISTRATION', retriable: false });
    expect(e.message).toContain('KOL_m v2 failed registration: copy failed');
    server.handler = () => ({ json: { model_version: { name: 'KOL_m', version: '2', status: 'PENDING_REGISTRATION' } } });
    const t = await caught(c.waitForModelVersion('KOL_m', 2, { timeoutMs: 3000, intervalMs: 1000 }));
    expect(t.message).toContain('still PENDING_REGISTRATION after 3 s');
    await c.close();
  });
});

describe('artifacts', () => {
  const runReply = (req: Seen): Reply | undefined =>
    req.path.endsWith('/mlflow/runs/get')
      ? { json: { run: { info: { run_id: RUN, artifact_uri: `mlflow-artifacts:/7/${RUN}/artifacts` } } } }
      : undefined;

  it('uploads a large file in parts where the server offers multipart, without MLflow credentials on part URLs', async () => {
    const parts = new Map<number, Buffer>();
    let completed: { upload_id: string; parts: { part_number: number; etag: string }[] } | undefined;
    server.handler = (req) => {
      const run = runReply(req);
      if (run) return run;
      if (req.path === `/api/2.0/mlflow-artifacts/mpu/create/7/${RUN}/artifacts/data`) {
        const { num_parts, path } = JSON.parse(req.body.toString()) as { num_parts: number; path: string };
        expect(path).toBe('big.bin');
        return {
          json: {
            upload_id: 'u1',
            credentials: Array.from({ length: num_parts }, (_, i) => ({
              url: `${server.url}/part/${i + 1}`,
              part_number: i + 1,
              headers: { 'x-part': String(i + 1) },
            })),
          },
        };
      }
      if (req.path.startsWith('/part/')) {
        expect(req.headers.authorization).toBeUndefined();
        const n = Number(req.path.split('/')[2]);
        expect(req.headers['x-part']).toBe(String(n));
        parts.set(n, req.body);
        return { headers: { etag: `"etag-${n}"` }, text: '' };
      }
      if (req.path.includes('/mpu/complete/')) {
        completed = JSON.parse(req.body.toString());
        return { json: {} };
      }
      return { status: 404, json: { error_code: 'ENDPOINT_NOT_FOUND', message: req.path } };
    };
    const file = join(tmp, 'big.bin');
    const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    writeFileSync(file, content);
    const c = client({ token: 'tok', multipartThresholdBytes: 500, multipartPartBytes: 300 });
    await c.logArtifact(RUN, file, 'data');
    expect([...parts.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(Buffer.concat([1, 2, 3, 4].map((n) => parts.get(n) as Buffer)).equals(content)).toBe(true);
    expect(completed?.upload_id).toBe('u1');
    expect(completed?.parts.map((p) => [p.part_number, p.etag])).toEqual([1, 2, 3, 4].map((n) => [n, `"etag-${n}"`]));
    await c.close();
  });

  it('falls back to one streamed PUT on 501 (local artifact store) and remembers it', async () => {
    server.handler = (req) => {
      const run = runReply(req);
      if (run) return run;
      if (req.path.includes('/mpu/create/'))
        return {
          status: 501,
          json: { error_code: 'NOT_IMPLEMENTED', message: 'Multipart upload is not supported for the current artifact repository' },
        };
      return { json: {} };
    };
    const file = join(tmp, 'big file.bin');
    writeFileSync(file, Buffer.alloc(2000, 7));
    const c = client({ multipartThresholdBytes: 500 });
    await c.logArtifact(RUN, file);
    await c.logArtifact(RUN, file, 'again');
    const puts = server.seen.filter((s) => s.method === 'PUT');
    expect(puts.map((p) => p.path)).toEqual([
      `/api/2.0/mlflow-artifacts/artifacts/7/${RUN}/artifacts/big%20file.bin`,
      `/api/2.0/mlflow-artifacts/artifacts/7/${RUN}/artifacts/again/big%20file.bin`,
    ]);
    expect(puts[0]?.body.length).toBe(2000);
    expect(puts[0]?.headers['content-length']).toBe('2000');
    expect(server.seen.filter((s) => s.path.includes('/mpu/create/'))).toHaveLength(1);
    await c.close();
  });

  it('downloads whole or not at all, and lists with paths relative to the run', async () => {
    server.handler = (req) => {
      const run = runReply(req);
      if (run) return run;
      if (req.path === '/api/2.0/mlflow-artifacts/artifacts' && req.method === 'GET') {
        expect(req.query.get('path')).toBe(`7/${RUN}/artifacts/model`);
        return {
          json: {
            files: [
              { path: 'model.json', is_dir: false, file_size: '12' },
              { path: 'sub', is_dir: true },
            ],
          },
        };
      }
      if (req.path.endsWith('/model/model.json')) return { text: '{"trees":[]}' };
      return { status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'missing' } };
    };
    const c = client();
    expect(await c.listArtifacts(RUN, 'model')).toEqual([
      { path: 'model/model.json', isDir: false, fileSize: 12 },
      { path: 'model/sub', isDir: true, fileSize: undefined },
    ]);
    const out = join(tmp, 'out', 'model.json');
    await c.downloadArtifact(RUN, 'model/model.json', out);
    expect(readFileSync(out, 'utf8')).toBe('{"trees":[]}');
    await expect(c.downloadArtifact(RUN, 'model/missing.json', join(tmp, 'out', 'missing.json'))).rejects.toThrow(/404/);
    await expect(c.downloadArtifact(RUN, '../escape', join(tmp, 'x'))).rejects.toThrow(/'\.\.'/);
    await c.close();
  });

  it('says how to fix a run whose artifacts are not proxied', async () => {
    server.handler = () => ({ json: { run: { info: { run_id: RUN, artifact_uri: `s3://bucket/7/${RUN}/artifacts` } } } });
    const c = client();
    expect((await caught(c.logText(RUN, 'a.txt', 'x'))).message).toContain('--artifacts-destination');
    await c.close();
  });
});
