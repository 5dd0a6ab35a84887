import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { installKernelSpec, JUPYTER_PACKAGES, jupyterEnv, kernelSpec, workbenchPaths } from '../../sdk/notebook/index.ts';

const root = join(import.meta.dirname, '..', '..');

describe('workbench layout', () => {
  const config = resolveConfig({ cwd: root, allowMissingSecrets: true, env: { KOL_CACHE_DIR: '/cache/kol' } });
  const paths = workbenchPaths(config, root);

  it('keeps the venv in the shared cache, named by the pinned packages, and everything else in the project', () => {
    expect(JUPYTER_PACKAGES.every((p) => /^[a-z-]+==\d+(\.\d+)*$/.test(p))).toBe(true);
    expect(paths.venv).toMatch(new RegExp(`^${config.services.cacheDir}/jupyter/[0-9a-f]{12}/venv$`));
    expect(paths.kernelDir).toBe(join(config.home, 'jupyter', 'share', 'jupyter', 'kernels', 'tslab'));
    expect(paths.notebooksDir).toBe(join(root, 'notebooks'));
  });

  it('puts the project’s Jupyter folder first, so its tslab kernel wins over any user-wide one', () => {
    const env = jupyterEnv(paths, { PATH: '/bin', JUPYTER_PATH: '/somewhere/else' });
    expect(env.JUPYTER_PATH).toBe(paths.dataDir);
    expect(env.KOL_PROJECT_ROOT).toBe(root);
    expect(env.PATH).toBe('/bin');
  });

  it('the kernel spec runs this project’s tslab by absolute path, interrupted by signal', () => {
    const spec = kernelSpec(root);
    expect(spec.argv).toEqual([join(root, 'node_modules', '.bin', 'tslab'), 'kernel', '--config-path', '{connection_file}']);
    expect(spec.interrupt_mode).toBe('signal');
    expect(spec.env.KOL_PROJECT_ROOT).toBe(root);
  });

  it('writes the kernel spec into the project folder only, and again only when it changed', () => {
    const home = mkdtempSync(join(tmpdir(), 'kol-jupyter-'));
    const local = { ...paths, kernelDir: join(home, 'kernels', 'tslab') };
    const file = installKernelSpec(local);
    expect(file).toBe(join(home, 'kernels', 'tslab', 'kernel.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(kernelSpec(root))));
    expect(installKernelSpec(local)).toBe(file);
  });

  it('refuses a project without its tslab, naming the fix', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kol-noproject-'));
    expect(() => installKernelSpec({ ...paths, projectRoot: elsewhere })).toThrow(/run npm install/);
  });
});
