import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cachedInstall, runCommand, which } from '../../services/index.ts';
import type { WorkbenchPaths } from './paths.ts';
import { JUPYTER_PACKAGES, PLOTLY_LABEXTENSION } from './versions.ts';

/** The plotly renderer's folder inside the environment; its `package.json` proves the install. */
export function plotlyExtensionDir(paths: WorkbenchPaths): string {
  return join(paths.venv, 'share', 'jupyter', 'labextensions', PLOTLY_LABEXTENSION);
}

/**
 * Installs Jupyter Lab, nbclient and the plotly renderer into a venv under the cache, once: a marker file
 * written after success makes later calls return at once, and an interrupted install is redone. Needs
 * `python3` (3.9+) with `venv`. Returns true when it installed.
 *
 * @example
 * await ensureJupyter(workbenchPaths(config, root), (line) => console.error(line));
 */
export async function ensureJupyter(paths: WorkbenchPaths, log: (line: string) => void = () => {}): Promise<boolean> {
  const key = `jupyter ${JUPYTER_PACKAGES.join(' ')}`;
  const logFile = join(paths.installDir, 'install.log');
  const installed = await cachedInstall(paths.installDir, key, async () => {
    const python = which('python3') ?? which('python');
    if (!python)
      throw new Error('python3 is not on PATH; the notebook workbench needs Python 3.9+ with venv (Debian: apt-get install python3-venv)');
    log(`installing ${JUPYTER_PACKAGES.join(', ')} into ${paths.venv} (once)`);
    await runCommand(python, ['-m', 'venv', paths.venv], { logFile, timeoutMs: 120_000 });
    const pip = join(paths.venv, 'bin', 'pip');
    await runCommand(pip, ['install', '--disable-pip-version-check', '--no-input', ...JUPYTER_PACKAGES], {
      logFile,
      timeoutMs: 15 * 60_000,
      env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    });
    if (!existsSync(join(plotlyExtensionDir(paths), 'package.json'))) {
      throw new Error(`the plotly renderer is missing from ${plotlyExtensionDir(paths)} after installing plotly; see ${logFile}`);
    }
  });
  if (!existsSync(paths.jupyter)) throw new Error(`Jupyter is not installed in ${paths.venv}; remove ${paths.installDir} and retry`);
  return installed;
}
