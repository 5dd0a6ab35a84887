import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KolConfig } from '../../sdk/config/index.ts';
import { IssuesError, RemoteError } from '../../sdk/errors/index.ts';
import { createTrackingClient, LogBatchError, type RestTrackingClient, type TrackingClient } from '../../sdk/mlflow/index.ts';
import { devServicesConfig, servicesUp } from '../../sdk/services/index.ts';
import { logScenario, mlflowPython, readBack } from './cross-check.ts';
import { expectSameAsLogged } from './expect-same.ts';
import { closedPort } from './fake-server.ts';

const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let config: KolConfig;
let client: TrackingClient;
let tmp: string;

beforeAll(async () => {
  config = devServicesConfig();
  const [up] = await servicesUp(['mlflow'], { config, log: (line) => process.stderr.write(`${line}\n`) });
  if (up?.outcome !== 'started' && up?.outcome !== 'running') throw new Error(`MLflow is not up: ${up?.outcome} ${up?.detail ?? ''}`);
  // Large files try multipart first, so the 501 fallback of a local artifact store is exercised too.
  client = createTrackingClient(config, { multipartThresholdBytes: 16 * 1024 * 1024 });
  tmp = mkdtempSync(join(tmpdir(), 'kol-mlflow-it-'));
});

afterAll(async () => {
  await client?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the REST client against MLflow 3.17.2', () => {
  it('logs what the Python MlflowClient reads back identically: params, histories, tags, artifacts (one 40 MiB), model versions and aliases', async () => {
    expect(client.kind).toBe('rest');
    const logged = await logScenario(client, tmp, suffix, 40 * 1024 * 1024);
    // 2,500 metrics and 250 params: three requests at MLflow's limits.
    expect(logged.requests).toBe(3);
    const read = await readBack(mlflowPython(config), tmp, {
      tracking_uri: config.mlflow.trackingUri,
      run_id: logged.runId,
      model: logged.modelName,
      aliases: ['champion', 'challenger'],
    });
    expectSameAsLogged(read, logged);
    // And the TypeScript client reads the same back.
    const champion = await client.getModelVersionByAlias(logged.modelName, 'champion');
    expect(champion).toMatchObject({ version: '1', status: 'READY', aliases: ['champion'] });
    expect((await client.getFullMetricHistory(logged.runId, 'auc')).length).toBe(500);
    const page = await client.getMetricHistory(logged.runId, 'auc', { maxResults: 200 });
    expect(page.items).toHaveLength(200);
    expect(page.nextPageToken).toBeDefined();
  });

  it("reports that this server's local artifact store has no multipart upload (so large files are streamed in one PUT)", async () => {
    const rest = client as RestTrackingClient;
    const info = await rest.http.json<{ multipart_uploads_enabled?: boolean }>('GET', '/api/3.0/mlflow/server-info');
    expect(info.multipart_uploads_enabled).toBe(false);
    const e = await rest.http
      .json('POST', '/api/2.0/mlflow-artifacts/mpu/create/x', { body: { path: 'f', num_parts: 2 } })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 501, remoteCode: 'NOT_IMPLEMENTED', retriable: false });
  });

  it('experiments, runs and the registry: search with paging, update, delete/restore, tags', async () => {
    const name = `KOL_it_ops_${suffix}`;
    const experimentId = await client.createExperiment(name, { tags: { team: 'kol' } });
    await client.setExperimentTag(experimentId, 'purpose', 'ops');
    expect((await client.getExperiment(experimentId)).tags).toEqual({ team: 'kol', purpose: 'ops' });
    const found = await client.searchExperiments({ filter: `name = '${name}'` });
    expect(found.items.map((e) => e.experimentId)).toEqual([experimentId]);

    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await client.createRun({ experimentId, runName: `r${i}`, startTime: 1_790_000_000_000 + i })).info.runId);
    const first = await client.searchRuns({ experimentIds: [experimentId], maxResults: 2 });
    expect(first.items.map((r) => r.info.runName)).toEqual(['r4', 'r3']);
    expect(first.nextPageToken).toBeDefined();
    const all: string[] = [];
    for await (const r of client.iterateRuns({ experimentIds: [experimentId], maxResults: 2 })) all.push(r.info.runName);
    expect(all).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);

    const id = ids[0] as string;
    const info = await client.updateRun(id, { runName: 'renamed' });
    expect(info.runName).toBe('renamed');
    await client.setRunTag(id, 'stage', 'dev');
    await client.deleteRunTag(id, 'stage');
    expect((await client.getRun(id)).data.tags.stage).toBeUndefined();
    expect((await client.terminateRun(id, 'KILLED')).status).toBe('KILLED');
    await client.deleteRun(id);
    expect((await client.getRun(id)).info.lifecycleStage).toBe('deleted');
    expect((await client.searchRuns({ experimentIds: [experimentId], viewType: 'DELETED_ONLY' })).items.map((r) => r.info.runId)).toEqual([
      id,
    ]);
    await client.restoreRun(id);
    expect((await client.getRun(id)).info.lifecycleStage).toBe('active');

    const model = `KOL_it_ops_model_${suffix}`;
    await client.createRegisteredModel(model, { description: 'ops' });
    await client.setRegisteredModelTag(model, 'owner', 'kol');
    const v = await client.createModelVersion({ name: model, runId: id, artifactPath: 'model' });
    await client.setModelVersionTag(model, v.version, 'auc', '0.9');
    await client.deleteModelVersionTag(model, v.version, 'auc');
    expect((await client.getModelVersion(model, v.version)).tags).toEqual({});
    await client.deleteRegisteredModelTag(model, 'owner');
    expect(
      (await client.searchRegisteredModels({ filter: `name = '${model}'` })).items.map((m) => [m.name, m.description, m.tags]),
    ).toEqual([[model, 'ops', {}]]);
    expect((await client.searchModelVersions({ filter: `name = '${model}'` })).items.map((x) => x.version)).toEqual(['1']);
    await client.setAlias(model, 'champion', v.version);
    await client.deleteAlias(model, 'champion');
    expect((await client.getRegisteredModel(model)).aliases).toEqual({});
    await client.deleteRegisteredModel(model);
    expect(await client.getRegisteredModel(model).catch((e: RemoteError) => e.remoteCode)).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('refuses bad input with a clear error and keeps what was logged before', async () => {
    const experimentId = await client.ensureExperiment(`KOL_it_bad_${suffix}`);
    const run = await client.createRun({ experimentId, runName: 'bad-input' });
    const id = run.info.runId;
    await client.logBatch(id, { metrics: [{ key: 'loss', value: 0.25, step: 0 }], params: { depth: 6 } });

    const nan = await client
      .logBatch(id, {
        metrics: [
          { key: 'loss', value: 0.2, step: 1 },
          { key: 'loss', value: Number.NaN, step: 2 },
        ],
      })
      .catch((x: unknown) => x);
    expect(nan).toBeInstanceOf(IssuesError);
    expect((nan as IssuesError).message).toContain("metric 'loss' at step 2 is NaN");
    const inf = await client.logMetric(id, 'auc', Number.POSITIVE_INFINITY).catch((x: unknown) => x);
    expect((inf as IssuesError).message).toContain("metric 'auc' at step 0 is Infinity");
    const long = await client.logParam(id, 'notes', 'y'.repeat(6001)).catch((x: unknown) => x);
    expect((long as IssuesError).message).toContain("param 'notes' is 6001 characters");
    const key = await client.logMetric(id, 'bad key!', 1).catch((x: unknown) => x);
    expect((key as IssuesError).issues[0]?.code).toBe('mlflow.bad_key');
    expect(await client.createExperiment('trust').catch((x: unknown) => String(x))).toContain("use 'KOL_trust'");

    // Nothing of the refused batches reached the server; what came before is intact.
    const after = await client.getRun(id);
    expect(after.data.params).toEqual({ depth: '6' });
    expect((await client.getFullMetricHistory(id, 'loss')).map((m) => [m.step, m.value])).toEqual([[0, 0.25]]);
    expect(await client.getFullMetricHistory(id, 'auc')).toEqual([]);
  });

  it('names what is missing: an experiment, a run', async () => {
    expect(await client.getExperimentByName(`KOL_it_missing_${suffix}`)).toBeUndefined();
    const noExperiment = await client.createRun({ experimentId: '987654321' }).catch((x: unknown) => x);
    expect(noExperiment).toBeInstanceOf(RemoteError);
    expect(noExperiment).toMatchObject({ service: 'mlflow', status: 404, remoteCode: 'RESOURCE_DOES_NOT_EXIST', retriable: false });
    const noRun = await client.logMetric('0123456789abcdef0123456789abcdef', 'loss', 1).catch((x: unknown) => x);
    expect(noRun).toBeInstanceOf(LogBatchError);
    expect(noRun).toMatchObject({ remoteCode: 'RESOURCE_DOES_NOT_EXIST', logged: { requests: 0, metrics: 0, params: 0, tags: 0 } });
    expect((noRun as LogBatchError).notLogged.metrics).toHaveLength(1);
  });

  it('a conflicting param in the second request: the first request stays stored, the error lists exactly the rest', async () => {
    const experimentId = await client.ensureExperiment(`KOL_it_partial_${suffix}`);
    const id = (await client.createRun({ experimentId })).info.runId;
    await client.logParam(id, 'p120', 'first');
    const params = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`p${i}`, i === 120 ? 'second' : `v${i}`]));
    const metrics = Array.from({ length: 2000 }, (_, step) => ({
      key: 'loss',
      value: 1 / (step + 1),
      step,
      timestamp: 1_790_000_000_000 + step,
    }));
    const e = (await client.logBatch(id, { params, metrics }).catch((x: unknown) => x)) as LogBatchError;
    expect(e).toBeInstanceOf(LogBatchError);
    expect(e).toMatchObject({ status: 400, remoteCode: 'INVALID_PARAMETER_VALUE', retriable: false });
    expect(e.logged).toEqual({ requests: 1, metrics: 900, params: 100, tags: 0 });
    expect(e.notLogged.params.map((p) => p.key)).toEqual(Array.from({ length: 50 }, (_, i) => `p${100 + i}`));
    expect(e.notLogged.metrics.map((m) => m.step)).toEqual(Array.from({ length: 1100 }, (_, i) => 900 + i));
    // The server agrees: the first request is stored whole, nothing of the second.
    const read = await readBack(mlflowPython(config), tmp, { tracking_uri: config.mlflow.trackingUri, run_id: id });
    expect(read.metrics.loss?.map((p) => p[0])).toEqual(Array.from({ length: 900 }, (_, i) => i));
    expect(Object.keys(read.params)).toHaveLength(101);
    expect(read.params.p120).toBe('first');
    // Fixed, the rest goes through and everything is there once.
    const rest = await client.logBatch(id, { params: e.notLogged.params.filter((p) => p.key !== 'p120'), metrics: e.notLogged.metrics });
    expect(rest.metrics).toBe(1100);
    expect((await client.getFullMetricHistory(id, 'loss')).map((m) => m.step)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it('a server that is down: a retriable error naming the fix, nothing logged elsewhere is lost', async () => {
    const port = await closedPort();
    const down = createTrackingClient(
      { mlflow: { ...config.mlflow, trackingUri: `http://127.0.0.1:${port}` } },
      { retry: { maxAttempts: 3, baseDelayMs: 10 } },
    );
    const e = (await down.logMetric('0123456789abcdef0123456789abcdef', 'loss', 1).catch((x: unknown) => x)) as LogBatchError;
    expect(e).toBeInstanceOf(LogBatchError);
    expect(e.retriable).toBe(true);
    expect(e.message).toContain(`cannot reach MLflow at http://127.0.0.1:${port} (connection refused)`);
    expect(e.message).toContain('gave up after 3 attempts');
    expect(e.notLogged.metrics).toHaveLength(1);
    await down.close();
    expect(await client.getExperimentByName(`KOL_it_${suffix}`)).toBeDefined();
  });
});
