import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KolConfig } from '../../config/index.ts';
import { ensureJupyter, plotlyExtensionDir } from './install.ts';
import { installKernelSpec, KERNEL_NAME, kernelSpec } from './kernel.ts';
import { jupyterEnv, type WorkbenchPaths, workbenchPaths } from './paths.ts';
import { type NotebookPackageResult, prepareNotebookPackage } from './sdk-package.ts';

/** Everything a notebook needs before Jupyter starts. */
export interface Workbench {
  readonly paths: WorkbenchPaths;
  /** True when this call installed the Python environment (false: it was cached). */
  readonly installed: boolean;
  readonly kernelFile: string;
  readonly sdkPackage: NotebookPackageResult;
}

/**
 * Makes the workbench ready, idempotently: Jupyter Lab, nbclient and the plotly renderer in the cached
 * venv, the tslab kernel spec in this project's Jupyter data folder (nothing global), and the `@kol/sdk`
 * package notebooks import.
 *
 * @example
 * const wb = await prepareWorkbench(config, '/repo', console.error);
 */
export async function prepareWorkbench(config: KolConfig, projectRoot: string, log: (line: string) => void = () => {}): Promise<Workbench> {
  const paths = workbenchPaths(config, projectRoot);
  const installed = await ensureJupyter(paths, log);
  const kernelFile = installKernelSpec(paths);
  const sdkPackage = await prepareNotebookPackage(projectRoot, log);
  return { paths, installed, kernelFile, sdkPackage };
}

/** A running Jupyter Lab started by {@link startLab}. */
export interface RunningLab {
  readonly url: string;
  /** The address with its access token, for a browser. */
  readonly tokenUrl: string;
  readonly token: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** A free loopback port: bind port 0, read what the system chose, release it. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Starts Jupyter Lab on 127.0.0.1 with `notebooks/` as its root, a fresh access token, and this
 * project's kernel spec first on `JUPYTER_PATH`; resolves once its API answers.
 *
 * @example
 * const lab = await startLab(wb.paths, { port: 8888, openBrowser: false });
 * console.log(lab.tokenUrl);
 */
export async function startLab(
  paths: WorkbenchPaths,
  options: { port?: number; openBrowser?: boolean; stdio?: 'inherit' | 'ignore'; timeoutMs?: number } = {},
): Promise<RunningLab> {
  const port = options.port ?? (await freePort());
  const token = randomBytes(24).toString('hex');
  mkdirSync(paths.runtimeDir, { recursive: true });
  const args = [
    'lab',
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.root_dir=${paths.notebooksDir}`,
    `--ServerApp.open_browser=${options.openBrowser ? 'True' : 'False'}`,
    // The Lab's news feed and update check would reach out to the internet.
    '--LabApp.news_url=None',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    // Extensions come with the pinned packages; the manager would query the package index.
    '--LabApp.extension_manager=readonly',
    // Containers and CI often run as root, which Jupyter refuses unless told.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
  // In the foreground Jupyter talks to the terminal; otherwise its log goes to the workbench's log file.
  mkdirSync(dirname(paths.logFile), { recursive: true });
  const fd = options.stdio === 'inherit' ? undefined : openSync(paths.logFile, 'a');
  const out = fd ?? 'inherit';
  // The token goes through the environment: a command-line argument would show in every `ps` listing.
  const env = { ...jupyterEnv(paths), JUPYTER_TOKEN: token };
  const child = spawn(paths.jupyter, args, { env, cwd: paths.notebooksDir, stdio: ['ignore', out, out] });
  if (fd !== undefined) closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const stop = async () => {
    if (exited !== undefined) return;
    const gone = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exited !== undefined) {
      const tail =
        fd === undefined
          ? ''
          : `; last lines of ${paths.logFile}:\n${readFileSync(paths.logFile, 'utf8').split('\n').slice(-15).join('\n')}`;
      throw new Error(`Jupyter Lab exited with code ${exited} during start${tail}`);
    }
    const ready = await fetch(`${url}/api/status?token=${token}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Jupyter Lab did not answer on ${url} within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s — see ${paths.logFile}`,
      );
    }
    await sleep(300);
  }
  return { url, tokenUrl: `${url}/lab?token=${token}`, token, child, stop };
}

/** What `kol-sdk notebook --check` verifies, each with its evidence. */
export interface LabCheck {
  readonly url: string;
  readonly server: string;
  readonly kernel: { readonly name: string; readonly argv: readonly string[]; readonly resourceDir: string } | undefined;
  readonly plotlyRenderer: boolean;
  readonly ok: boolean;
}

/**
 * Starts Jupyter Lab, asks its API for the kernel specs and the Lab version, checks that the `tslab`
 * kernel is this project's (its argv runs this project's tslab) and that the plotly renderer is
 * installed, then stops it.
 *
 * @example
 * const check = await checkLab(wb.paths); if (!check.ok) process.exitCode = 1;
 */
export async function checkLab(paths: WorkbenchPaths): Promise<LabCheck> {
  const lab = await startLab(paths, { openBrowser: false });
  try {
    const specs = (await (await fetch(`${lab.url}/api/kernelspecs?token=${lab.token}`)).json()) as {
      kernelspecs: Record<string, { name: string; spec: { argv: string[] }; resources: Record<string, string> }>;
    };
    const status = (await (await fetch(`${lab.url}/api?token=${lab.token}`)).json()) as { version: string };
    const found = specs.kernelspecs[KERNEL_NAME];
    const kernel = found ? { name: found.name, argv: found.spec.argv, resourceDir: paths.kernelDir } : undefined;
    const ownKernel = kernel?.argv[0] === kernelSpec(paths.projectRoot).argv[0];
    const plotlyRenderer = existsSync(plotlyExtensionDir(paths));
    return { url: lab.url, server: status.version, kernel, plotlyRenderer, ok: ownKernel && plotlyRenderer };
  } finally {
    await lab.stop();
  }
}
