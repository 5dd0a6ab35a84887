import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkbenchPaths } from './paths.ts';
import { KERNEL_NAME } from './versions.ts';

/** The kernel spec Jupyter reads from `<JUPYTER_PATH>/kernels/tslab/kernel.json`. */
export interface KernelSpec {
  readonly argv: readonly string[];
  readonly display_name: string;
  readonly language: string;
  readonly env: Readonly<Record<string, string>>;
  readonly interrupt_mode: 'signal';
}

/**
 * The tslab kernel of this project: an absolute path to its `node_modules/.bin/tslab` (no global
 * install, no PATH lookup), and the project root in the environment so that notebooks in any folder
 * resolve the project's config.
 *
 * @example
 * kernelSpec('/repo').argv[0]; // '/repo/node_modules/.bin/tslab'
 */
export function kernelSpec(projectRoot: string): KernelSpec {
  const tslab = join(projectRoot, 'node_modules', '.bin', 'tslab');
  return {
    argv: [tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (kol-sdk)',
    language: 'typescript',
    env: { KOL_PROJECT_ROOT: projectRoot },
    interrupt_mode: 'signal',
  };
}

/**
 * Writes the kernel spec into the project's Jupyter data folder when it differs from what is there.
 * Returns the path of `kernel.json`.
 */
export function installKernelSpec(paths: WorkbenchPaths): string {
  const spec = kernelSpec(paths.projectRoot);
  if (!existsSync(spec.argv[0] as string)) {
    throw new Error(`${spec.argv[0]} is missing — run npm install in ${paths.projectRoot} (tslab is a dependency of kol-sdk)`);
  }
  const file = join(paths.kernelDir, 'kernel.json');
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(paths.kernelDir, { recursive: true });
    writeFileSync(file, text);
  }
  return file;
}

export { KERNEL_NAME };
