import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KolConfig } from '../../sdk/config/index.ts';
import { LocalTrackingStore, RestTrackingClient } from '../../sdk/mlflow/index.ts';
import { devServicesConfig, servicesUp } from '../../sdk/services/index.ts';
import { type Logged, logScenario, mlflowPython, readBack } from './cross-check.ts';
import { expectSameAsLogged } from './expect-same.ts';
import { closedPort } from './fake-server.ts';

const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let config: KolConfig;
let tmp: string;
let root: string;
let logged: Logged;
let ui: ChildProcess | undefined;

beforeAll(async () => {
  config = devServicesConfig();
  // The services install MLflow's virtualenv; its Python client and `mlflow ui` read the store.
  const [up] = await servicesUp(['mlflow'], { config, log: (line) => process.stderr.write(`${line}\n`) });
  if (up?.outcome !== 'started' && up?.outcome !== 'running')
    throw new Error(`MLflow is not installed/up: ${up?.outcome} ${up?.detail ?? ''}`);
  tmp = mkdtempSync(join(tmpdir(), 'kol-mlruns-it-'));
  root = join(tmp, 'mlruns');
  const store = new LocalTrackingStore({ root: pathToFileURL(root).href });
  logged = await logScenario(store, tmp, suffix, 24 * 1024 * 1024);
});

afterAll(() => {
  try {
    // The whole process group: the CLI and the server it started.
    if (ui?.pid) process.kill(-ui.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the local tracking store, read by MLflow 3.17.2 itself', () => {
  it("MlflowClient(tracking_uri='file://…') with MLFLOW_ALLOW_FILE_STORE=true reads back params, histories, tags, artifacts, versions and aliases", async () => {
    const read = await readBack(mlflowPython(config), tmp, {
      tracking_uri: pathToFileURL(root).href,
      run_id: logged.runId,
      model: logged.modelName,
      aliases: ['champion', 'challenger'],
    });
    expectSameAsLogged(read, logged);
  });

  it('`mlflow ui --backend-store-uri <store>` serves the runs and the registry (read here through the REST client)', async () => {
    const port = await closedPort();
    const bin = join(dirname(mlflowPython(config)), 'mlflow');
    ui = spawn(bin, ['ui', '--backend-store-uri', root, '--host', '127.0.0.1', '--port', String(port), '--workers', '1'], {
      cwd: tmp,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true', MLFLOW_DISABLE_TELEMETRY: 'true', DO_NOT_TRACK: '1' },
    });
    const rest = new RestTrackingClient({ trackingUri: `http://127.0.0.1:${port}`, retry: { maxAttempts: 1 } });
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        await (await rest.http.send('GET', '/health')).body.dump();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    const experiment = await rest.getExperimentByName(logged.experimentName);
    expect(experiment?.tags).toEqual({ team: 'kol' });
    const runs = await rest.searchRuns({ experimentIds: [experiment?.experimentId ?? ''], filter: "tags.model = 'gbdt'" });
    expect(runs.items.map((r) => r.info.runId)).toEqual([logged.runId]);
    expect(runs.items[0]?.data.params).toEqual(logged.params);
    expect((await rest.getFullMetricHistory(logged.runId, 'val loss')).map((m) => [m.step, m.timestamp, m.value])).toEqual(
      logged.metrics['val loss'],
    );
    expect(await rest.getModelVersionByAlias(logged.modelName, 'challenger')).toMatchObject({ version: '2', status: 'READY' });
    await rest.close();
  }, 120_000);
});
