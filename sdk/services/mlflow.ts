import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { awsEnv, serverEnv, servicePaths } from './context.ts';
import { cachedInstall, requireCommand, runCommand } from './install.ts';
import { httpOk, LOOPBACK } from './net.ts';
import { halt, launch } from './server.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

/** 3.18.0 does not install: its `mlflow-skinny==3.18.0` is not published alongside it. */
export const MLFLOW_VERSION = '3.17.2';
const PORT = 5000;

function venv(ctx: ServiceContext): string {
  return join(ctx.cacheDir, MLFLOW_VERSION, 'venv');
}

/** The tracking server's command line: SQLite store and served artifacts, both in the run folder. */
export function mlflowServerArgs(runDir: string, port = PORT): string[] {
  return [
    'server',
    '--host',
    LOOPBACK,
    '--port',
    String(port),
    '--backend-store-uri',
    `sqlite:///${join(runDir, 'mlflow.db')}`,
    '--artifacts-destination',
    join(runDir, 'artifacts'),
    '--workers',
    '1',
  ];
}

/** MLflow tracking server from PyPI in a cached virtualenv. */
export const mlflow: ServiceDefinition = {
  name: 'mlflow',
  description: 'MLflow tracking server and model registry (experiments KOL_*)',
  version: MLFLOW_VERSION,
  port: PORT,
  dependsOn: [],
  async install(ctx) {
    const dir = join(ctx.cacheDir, MLFLOW_VERSION);
    const { installLog } = servicePaths(ctx, 'mlflow');
    const installed = await cachedInstall(dir, `mlflow==${MLFLOW_VERSION}`, async () => {
      const python = requireCommand('python3', 'create the MLflow virtualenv', 'install Python 3.10 or newer with the venv module');
      ctx.log(`installing mlflow==${MLFLOW_VERSION} into a virtualenv (about 1–3 minutes, once)`);
      await runCommand(python, ['-m', 'venv', venv(ctx)], { logFile: installLog, timeoutMs: 5 * 60_000 });
      await runCommand(join(venv(ctx), 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', `mlflow==${MLFLOW_VERSION}`], {
        logFile: installLog,
        timeoutMs: 30 * 60_000,
      });
    });
    if (installed) ctx.log(`installed into ${dir}`);
  },
  async start(ctx) {
    mkdirSync(join(ctx.runDir, 'artifacts'), { recursive: true });
    const env = serverEnv({
      ...awsEnv(ctx.config),
      MLFLOW_DISABLE_TELEMETRY: 'true',
      DO_NOT_TRACK: '1',
      // The GenAI job runner (judges, prompt optimisation) forks seven Huey consumers, ~1.6 GiB in
      // all; kol-sdk uses tracking and the registry only.
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
      PYTHONUNBUFFERED: '1',
    });
    await launch(
      ctx,
      'mlflow',
      { command: join(venv(ctx), 'bin', 'mlflow'), args: mlflowServerArgs(ctx.runDir), env },
      () => mlflow.ready(ctx),
      { timeoutMs: 120_000 },
    );
  },
  async ready() {
    return httpOk(`http://${LOOPBACK}:${PORT}/health`);
  },
  async stop(ctx) {
    // The process group: the CLI and its uvicorn worker.
    await halt(ctx, 'mlflow', { graceMs: 15_000 });
  },
};
