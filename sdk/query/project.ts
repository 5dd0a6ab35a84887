import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, type KolConfig, resolveConfig } from '../config/index.ts';

/**
 * The project folder for `start`: the nearest ancestor with `kol.config.json`, else with `package.json`,
 * else `start` itself. A notebook's kernel runs in `notebooks/`, so its project is the folder above.
 * `KOL_PROJECT_ROOT` (set in the workbench kernel's spec) wins.
 *
 * @example
 * findProjectRoot('/repo/notebooks'); // '/repo'
 */
export function findProjectRoot(start: string = process.cwd(), env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.KOL_PROJECT_ROOT?.trim();
  if (fromEnv) return resolve(fromEnv);
  const from = resolve(start);
  for (const marker of [CONFIG_FILE_NAME, 'package.json']) {
    for (let dir = from; ; dir = dirname(dir)) {
      if (existsSync(join(dir, marker))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return from;
}

let cached: KolConfig | undefined;

/**
 * The configuration of the project around the current folder, resolved once per process (a notebook's
 * cells share it). Missing secrets are not an error here: a query needs only its engine's settings.
 *
 * @example
 * projectConfig().trino.server; // 'http://127.0.0.1:8080'
 */
export function projectConfig(): KolConfig {
  cached ??= resolveConfig({ cwd: findProjectRoot(), allowMissingSecrets: true });
  return cached;
}
