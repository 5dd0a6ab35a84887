import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RemoteError } from '../../sdk/errors/index.ts';
import { createTrackingClient } from '../../sdk/mlflow/create.ts';
import { LocalTrackingStore } from '../../sdk/mlflow/local/store.ts';
import { RestTrackingClient } from '../../sdk/mlflow/rest/client.ts';
import { FakeClock } from '../../sdk/mlflow/retry.ts';

let root: string;
let store: LocalTrackingStore;
let clock: FakeClock;

const yaml = (...path: string[]) => parse(readFileSync(join(root, ...path), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
const text = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');

beforeEach(() => {
  root = join(mkdtempSync(join(tmpdir(), 'kol-mlruns-')), 'mlruns');
  clock = new FakeClock(1_700_000_000_000);
  store = new LocalTrackingStore({ root: pathToFileURL(root).href, clock });
});

afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('the file-store writer', () => {
  it('lays out experiments as MLflow does: Default experiment 0, .trash, meta.yaml and tags', async () => {
    const id = await store.createExperiment('KOL_trust', { tags: { team: 'kol' } });
    expect(id).toMatch(/^[1-9]\d{17}$/);
    expect(readdirSync(root).sort()).toEqual(['.trash', '0', id].sort());
    expect(yaml('0', 'meta.yaml')).toMatchObject({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active' });
    expect(yaml(id, 'meta.yaml')).toEqual({
      artifact_location: pathToFileURL(join(root, id)).href,
      creation_time: 1_700_000_000_000,
      effective_trace_archival_retention: null,
      experiment_id: id,
      last_update_time: 1_700_000_000_000,
      lifecycle_stage: 'active',
      name: 'KOL_trust',
      trace_location: null,
      workspace: 'default',
    });
    // The id is a string that looks like a number: it must stay quoted for PyYAML.
    expect(text(id, 'meta.yaml')).toContain(`experiment_id: '${id}'`);
    expect(text(id, 'tags', 'team')).toBe('kol');
    await expect(store.createExperiment('KOL_trust')).rejects.toMatchObject({ remoteCode: 'RESOURCE_ALREADY_EXISTS' });
    await expect(store.createExperiment('trust')).rejects.toThrow(/use 'KOL_trust'/);
    expect(await store.getExperimentByName('KOL_missing')).toBeUndefined();
  });

  it('writes run meta, metric lines "<timestamp> <value> <step>", params and tags without newlines', async () => {
    const experimentId = await store.ensureExperiment('KOL_trust');
    const run = await store.createRun({ experimentId, runName: 'gbdt', tags: { model: 'gbdt' } });
    const id = run.info.runId;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await store.logBatch(id, {
      metrics: [
        { key: 'loss', value: 0.5, step: 0, timestamp: 10 },
        { key: 'loss', value: 3, step: 1, timestamp: 11 },
        { key: 'val/auc', value: 1e-20, step: 0, timestamp: 12 },
      ],
      params: { depth: 6, on: 'yes' },
      tags: { stage: 'dev' },
    });
    const dir = [experimentId, id];
    expect(text(...dir, 'metrics', 'loss')).toBe('10 0.5 0\n11 3.0 1\n');
    expect(text(...dir, 'metrics', 'val', 'auc')).toBe('12 1e-20 0\n');
    expect(text(...dir, 'params', 'depth')).toBe('6');
    expect(text(...dir, 'params', 'on')).toBe('yes');
    expect(text(...dir, 'tags', 'mlflow.runName')).toBe('gbdt');
    expect(text(...dir, 'tags', 'stage')).toBe('dev');
    expect(existsSync(join(root, ...dir, 'artifacts'))).toBe(true);
    expect(yaml(...dir, 'meta.yaml')).toEqual({
      artifact_uri: `${pathToFileURL(join(root, experimentId)).href}/${id}/artifacts`,
      deleted_time: null,
      end_time: null,
      entry_point_name: '',
      experiment_id: experimentId,
      lifecycle_stage: 'active',
      run_id: id,
      run_name: 'gbdt',
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: 1_700_000_000_000,
      status: 1,
      tags: [],
      user_id: 'unknown',
    });
    clock.advance(5000);
    await store.terminateRun(id);
    expect(yaml(...dir, 'meta.yaml')).toMatchObject({ status: 3, end_time: 1_700_000_005_000 });

    const back = await store.getRun(id);
    expect(back.info).toMatchObject({ runName: 'gbdt', status: 'FINISHED', endTime: 1_700_000_005_000 });
    expect(back.data.params).toEqual({ depth: '6', on: 'yes' });
    expect(back.data.tags).toEqual({ 'mlflow.runName': 'gbdt', model: 'gbdt', stage: 'dev' });
    expect(back.data.metrics).toContainEqual({ key: 'loss', value: 3, step: 1, timestamp: 11 });
  });

  it('refuses a param that changes a stored value and then writes nothing of the batch', async () => {
    const run = await store.createRun({ experimentId: await store.ensureExperiment('KOL_trust') });
    const id = run.info.runId;
    await store.logParam(id, 'depth', 6);
    const e = await store.logBatch(id, { params: { depth: 7 }, metrics: [{ key: 'loss', value: 1 }] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RemoteError);
    expect((e as RemoteError).message).toMatch(/'depth' already logged.*nothing in this batch was logged/);
    expect((await store.getRun(id)).data.metrics).toEqual([]);
    await store.logParam(id, 'depth', '6');
  });

  it('pages metric history with MLflow-style offset tokens', async () => {
    const run = await store.createRun({ experimentId: await store.ensureExperiment('KOL_trust') });
    const id = run.info.runId;
    await store.logBatch(id, {
      metrics: Array.from({ length: 25 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step, timestamp: step })),
    });
    const first = await store.getMetricHistory(id, 'loss', { maxResults: 10 });
    expect(first.items.map((m) => m.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Buffer.from(first.nextPageToken ?? '', 'base64').toString()).toBe('{"offset": 10}');
    expect((await store.getFullMetricHistory(id, 'loss')).map((m) => m.step)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('searches runs with filters, order, paging and view type', async () => {
    const experimentId = await store.ensureExperiment('KOL_trust');
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      const r = await store.createRun({ experimentId, runName: `r${i}`, tags: { kind: i % 2 ? 'odd' : 'even' } });
      await store.logMetric(r.info.runId, 'auc', 0.5 + i / 10);
    }
    const odd = await store.searchRuns({ experimentIds: [experimentId], filter: "tags.kind = 'odd' AND metrics.auc > 0.55" });
    expect(odd.items.map((r) => r.info.runName).sort()).toEqual(['r1', 'r3']);
    const best = await store.searchRuns({ experimentIds: [experimentId], orderBy: ['metrics.auc DESC'], maxResults: 2 });
    expect(best.items.map((r) => r.info.runName)).toEqual(['r4', 'r3']);
    const rest = await store.searchRuns({
      experimentIds: [experimentId],
      orderBy: ['metrics.auc DESC'],
      maxResults: 2,
      pageToken: best.nextPageToken ?? '',
    });
    expect(rest.items.map((r) => r.info.runName)).toEqual(['r2', 'r1']);
    const all: string[] = [];
    for await (const r of store.iterateRuns({ experimentIds: [experimentId], maxResults: 2 })) all.push(r.info.runName);
    expect(all).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    const victim = best.items[0]?.info.runId ?? '';
    await store.deleteRun(victim);
    expect(yaml(experimentId, victim, 'meta.yaml')).toMatchObject({ lifecycle_stage: 'deleted', deleted_time: clock.now() });
    expect((await store.searchRuns({ experimentIds: [experimentId] })).items).toHaveLength(4);
    expect((await store.searchRuns({ experimentIds: [experimentId], viewType: 'DELETED_ONLY' })).items.map((r) => r.info.runId)).toEqual([
      victim,
    ]);
    await expect(store.logMetric(victim, 'x', 1)).rejects.toThrow(/deleted/);
    await store.restoreRun(victim);
    expect(yaml(experimentId, victim, 'meta.yaml').deleted_time).toBeUndefined();
    expect((await store.searchRuns({ experimentIds: [experimentId], filter: "attributes.run_name LIKE 'r%'" })).items).toHaveLength(5);
    await expect(store.searchRuns({ experimentIds: [experimentId], filter: "tags.kind = 'odd' OR tags.kind = 'even'" })).rejects.toThrow(
      /only AND/,
    );
  });

  it('writes dataset inputs with the ids MLflow derives', async () => {
    const experimentId = await store.ensureExperiment('KOL_trust');
    const run = await store.createRun({ experimentId });
    const dataset = { name: 'ds', digest: 'abc123', sourceType: 'src_type', source: 'src', schema: '{"a":1}', profile: '{"rows":1}' };
    await store.logInputs(run.info.runId, [{ dataset, tags: { 'mlflow.data.context': 'train' } }]);
    // md5('ds' + 'abc123'), as MLflow 3.17.2 named it in a store it wrote itself.
    expect(yaml(experimentId, 'datasets', 'a7f4729de18103618af1e4d9f167faf7', 'meta.yaml')).toEqual({
      digest: 'abc123',
      name: 'ds',
      profile: '{"rows":1}',
      schema: '{"a":1}',
      source: 'src',
      source_type: 'src_type',
    });
    expect((await store.getRun(run.info.runId)).inputs).toEqual([{ dataset, tags: { 'mlflow.data.context': 'train' } }]);
  });

  it('copies artifacts in and out and lists them as MLflow does', async () => {
    const run = await store.createRun({ experimentId: await store.ensureExperiment('KOL_trust') });
    const id = run.info.runId;
    const src = join(root, '..', 'model.json');
    writeFileSync(src, '{"trees":[]}');
    await store.logArtifact(id, src, 'model');
    await store.logText(id, 'notes/readme.md', '# hi');
    expect(await store.listArtifacts(id)).toEqual([
      { path: 'model', isDir: true, fileSize: undefined },
      { path: 'notes', isDir: true, fileSize: undefined },
    ]);
    expect(await store.listArtifacts(id, 'model')).toEqual([{ path: 'model/model.json', isDir: false, fileSize: 12 }]);
    const out = join(root, '..', 'out', 'm.json');
    await store.downloadArtifact(id, 'model/model.json', out);
    expect(readFileSync(out, 'utf8')).toBe('{"trees":[]}');
    await expect(store.logText(id, '../../escape.txt', 'x')).rejects.toThrow(/leaves the run's artifact folder/);
    await expect(store.downloadArtifact(id, 'nope.txt', out)).rejects.toMatchObject({ remoteCode: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('keeps the registry in models/<name>: versions READY at once, aliases as files', async () => {
    const run = await store.createRun({ experimentId: await store.ensureExperiment('KOL_trust') });
    const id = run.info.runId;
    await store.createRegisteredModel('KOL_trust_model', { tags: { owner: 'kol' }, description: 'trust' });
    const v1 = await store.createModelVersion({ name: 'KOL_trust_model', runId: id, artifactPath: 'model', tags: { auc: '0.91' } });
    const v2 = await store.createModelVersion({ name: 'KOL_trust_model', runId: id, artifactPath: 'model' });
    expect([v1.version, v2.version, v1.status]).toEqual(['1', '2', 'READY']);
    await store.setAlias('KOL_trust_model', 'champion', 1);
    await store.setAlias('KOL_trust_model', 'challenger', '2');
    expect(text('models', 'KOL_trust_model', 'aliases', 'champion')).toBe('1');
    expect(yaml('models', 'KOL_trust_model', 'version-1', 'meta.yaml')).toMatchObject({
      current_stage: 'None',
      name: 'KOL_trust_model',
      run_id: id,
      source: `runs:/${id}/model`,
      storage_location: `runs:/${id}/model`,
      status: 'READY',
      version: 1,
    });
    expect(yaml('models', 'KOL_trust_model', 'meta.yaml')).toMatchObject({
      aliases: { champion: '1', challenger: '2' },
      description: 'trust',
    });
    expect(text('models', 'KOL_trust_model', 'version-1', 'tags', 'auc')).toBe('0.91');
    expect((await store.getModelVersionByAlias('KOL_trust_model', 'champion')).aliases).toEqual(['champion']);
    expect((await store.getRegisteredModel('KOL_trust_model')).aliases).toEqual({ champion: '1', challenger: '2' });
    await store.deleteAlias('KOL_trust_model', 'challenger');
    await expect(store.getModelVersionByAlias('KOL_trust_model', 'challenger')).rejects.toThrow(/alias challenger not found/);
    await expect(store.setAlias('KOL_trust_model', 'champion', 9)).rejects.toMatchObject({ remoteCode: 'RESOURCE_DOES_NOT_EXIST' });
    const versions = await store.searchModelVersions({ filter: `name = 'KOL_trust_model' AND run_id = '${id}'` });
    expect(versions.items.map((v) => v.version)).toEqual(['2', '1']);
    expect((await store.searchRegisteredModels({ filter: "name LIKE 'KOL_%'" })).items.map((m) => m.name)).toEqual(['KOL_trust_model']);
    await store.deleteRegisteredModel('KOL_trust_model');
    expect(existsSync(join(root, 'models', 'KOL_trust_model'))).toBe(false);
  });
});

describe('createTrackingClient', () => {
  it('picks the local store for file:// and the REST client for http(s)://', async () => {
    const base = { token: undefined, username: undefined, password: undefined, experimentPrefix: 'KOL_' };
    const local = createTrackingClient({ mlflow: { ...base, trackingUri: pathToFileURL(root).href } });
    expect(local).toBeInstanceOf(LocalTrackingStore);
    const rest = createTrackingClient({ mlflow: { ...base, trackingUri: 'http://127.0.0.1:5000', token: 't' } });
    expect(rest).toBeInstanceOf(RestTrackingClient);
    expect(rest.location).toBe('http://127.0.0.1:5000');
    await rest.close();
    expect(() => createTrackingClient({ mlflow: { ...base, trackingUri: 'sqlite:///x.db' } })).toThrow(/MLFLOW_TRACKING_URI/);
  });
});
