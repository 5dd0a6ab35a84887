import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir } from '../../config/index.ts';
import { cachedInstall, runCommand } from '../../services/index.ts';

/** The reference learners the benchmarks compare with, pinned so that figures are comparable over time. */
export const REFERENCE_PACKAGES = ['lightgbm==4.7.0', 'scikit-learn==1.9.1', 'numpy==2.4.6'] as const;

/**
 * A cached Python venv holding LightGBM and scikit-learn (installed once from PyPI by pip).
 *
 * @example const python = await referencePython(); // …/bench-python/venv/bin/python
 */
export async function referencePython(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const dir = join(defaultCacheDir(process.env), 'bench-python');
  const python = join(dir, 'venv', 'bin', 'python');
  const installed = await cachedInstall(dir, REFERENCE_PACKAGES.join(' '), async (d) => {
    log(`installing ${REFERENCE_PACKAGES.join(', ')} into ${d} (once)`);
    const logFile = join(d, 'install.log');
    await runCommand('python3', ['-m', 'venv', join(d, 'venv')], { logFile });
    await runCommand(join(d, 'venv', 'bin', 'pip'), ['install', '-q', ...REFERENCE_PACKAGES], { logFile, timeoutMs: 900_000 });
  });
  if (!installed && !existsSync(python)) throw new Error(`reference venv at ${dir} is broken: delete it and run again`);
  return python;
}
