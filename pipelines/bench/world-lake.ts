/**
 * The lake the lakehouse and query benchmarks measure: a generated world (default scale `l`, seed 42)
 * run through bronze → silver → gold by the pipelines into its own local warehouse, under the cache so it
 * is built once per machine (scale l: ~21 M events, about 2 minutes to generate and a quarter of an hour
 * through the pipelines on two cores). A marker written after a complete build is what "built" means: an
 * interrupted build is resumed by running the pipelines again, which land only what is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir, type KolConfig, resolveConfig } from '../../sdk/config/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';
import { runPipeline } from '../run.ts';
import type { PipelineSummary } from '../types.ts';

export interface BenchLake {
  /** The folder of the generated world's `<event type>.jsonl` files. */
  readonly world: string;
  /** KOL_HOME of the lake: its warehouse and catalog state live under it. */
  readonly home: string;
  /** The local profile over that home. */
  readonly config: KolConfig;
  /** Rows per gold table and the seconds the build took, from the build that made the lake. */
  readonly build: { readonly seconds: number; readonly rows: Readonly<Record<string, number>> };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The benchmark lake of a scale and seed, generated and built on first use.
 *
 * @example
 * const { config, world } = await ensureBenchLake('l', 42);
 * await sql('SELECT count(*) FROM {{gold.creator_daily_kpis}}', { config });
 */
export async function ensureBenchLake(scale = 'l', seed = 42): Promise<BenchLake> {
  const cache = join(defaultCacheDir(process.env), 'bench');
  const world = join(cache, `world-${scale}-${seed}`);
  const home = join(cache, `lake-${scale}-${seed}`);
  const marker = join(home, 'built.json');
  const root = join(import.meta.dirname, '..', '..');
  if (!existsSync(join(world, 'manifest.json'))) {
    log(`generating the scale-${scale} world into ${world} (once)`);
    execFileSync(
      process.execPath,
      [join(root, 'sdk', 'cli', 'bin.mjs'), 'generate', '--scale', scale, '--seed', String(seed), '--out', world],
      {
        stdio: 'inherit',
      },
    );
  }
  const config = resolveConfig({ profile: 'local', cwd: root, env: { ...process.env, KOL_HOME: home } });
  if (!existsSync(marker)) {
    log(`building bronze → silver → gold of the scale-${scale} world into ${home} (once; long)`);
    const lake = await openDuckDB(config);
    let summary: PipelineSummary;
    try {
      summary = await runPipeline(lake, {
        stage: 'all',
        eventsDir: world,
        namespaces: config.lake.namespaces,
        onProgress: (done, total, table) => log(`  [${done + 1}/${total}] ${table}`),
      });
    } finally {
      await lake.close();
    }
    const rows = Object.fromEntries(summary.tables.filter((t) => t.layer === 'gold').map((t) => [t.table, t.rowsOut]));
    writeFileSync(marker, `${JSON.stringify({ seconds: summary.seconds, rows }, null, 2)}\n`);
  }
  const build = JSON.parse(readFileSync(marker, 'utf8')) as BenchLake['build'];
  return { world, home, config, build };
}
