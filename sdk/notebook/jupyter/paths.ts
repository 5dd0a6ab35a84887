import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { KolConfig } from '../../config/index.ts';
import { JUPYTER_PACKAGES } from './versions.ts';

/** Where the workbench keeps its pieces. */
export interface WorkbenchPaths {
  readonly projectRoot: string;
  /** `<root>/notebooks`: the notebooks, and the generated `@kol/sdk` package in its `node_modules`. */
  readonly notebooksDir: string;
  /** Shared, cached Python environment (`~/.cache/kol-sdk/jupyter/<pins hash>`); marker file after success. */
  readonly installDir: string;
  readonly venv: string;
  readonly python: string;
  readonly jupyter: string;
  /** This project's Jupyter data folder (`.kol/jupyter/share/jupyter`), put first on `JUPYTER_PATH`. */
  readonly dataDir: string;
  readonly kernelDir: string;
  /** This project's Jupyter config (Lab settings, server options) and runtime (connection files). */
  readonly configDir: string;
  readonly runtimeDir: string;
  /** Where the notebook harness writes executed copies. */
  readonly runsDir: string;
  readonly logFile: string;
}

/**
 * The workbench's folders for a project. The install folder's name carries a hash of the pinned
 * packages, so changing a pin installs next to the old environment instead of mutating it.
 *
 * @example
 * workbenchPaths(config, '/repo').jupyter; // '~/.cache/kol-sdk/jupyter/3f2a…/venv/bin/jupyter'
 */
export function workbenchPaths(config: KolConfig, projectRoot: string): WorkbenchPaths {
  const pins = createHash('sha256').update(JUPYTER_PACKAGES.join('\n')).digest('hex').slice(0, 12);
  const installDir = join(config.services.cacheDir, 'jupyter', pins);
  const venv = join(installDir, 'venv');
  const home = join(config.home, 'jupyter');
  const dataDir = join(home, 'share', 'jupyter');
  return {
    projectRoot,
    notebooksDir: join(projectRoot, 'notebooks'),
    installDir,
    venv,
    python: join(venv, 'bin', 'python'),
    jupyter: join(venv, 'bin', 'jupyter'),
    dataDir,
    kernelDir: join(dataDir, 'kernels', 'tslab'),
    configDir: join(home, 'config'),
    runtimeDir: join(home, 'runtime'),
    runsDir: join(home, 'runs'),
    logFile: join(home, 'jupyter.log'),
  };
}

/**
 * The environment Jupyter and its kernels run with: this project's data folder first on `JUPYTER_PATH`
 * (its kernel spec wins over any user-wide `tslab`), project-local config and runtime folders, and the
 * project root for the kernel to find its config.
 */
export function jupyterEnv(
  paths: WorkbenchPaths,
  base: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  return {
    ...env,
    JUPYTER_PATH: paths.dataDir,
    JUPYTER_CONFIG_DIR: paths.configDir,
    JUPYTER_RUNTIME_DIR: paths.runtimeDir,
    JUPYTER_PLATFORM_DIRS: '1',
    KOL_PROJECT_ROOT: paths.projectRoot,
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
}
