import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SCALE_NAMES, SCALES, type ScaleName, worldOptions, writeWorld } from '../../../data-samples/generator/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

interface GenerateOptions {
  readonly scale: string;
  readonly seed: string;
  readonly out?: string;
}

/** `kol-sdk generate`: a seeded KOL world as one JSON Lines file per event type plus `manifest.json`. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate a seeded, deterministic KOL world: <type>.jsonl per event type and manifest.json')
    .option(
      '--scale <scale>',
      `size: ${SCALE_NAMES.map((s) => `${s} (${SCALES[s].creators} creators × ${SCALES[s].days} days)`).join(', ')}`,
      'xs',
    )
    .option('--seed <n>', 'seed: the same scale and seed give byte-identical files', '42')
    .option('--out <dir>', 'output folder (default: data-samples/<scale>)')
    .option('--json', 'machine-readable output: {"dir", "scale", "seed", "events", "seconds", "files": {"<type>": {"rows", "sha256"}}}')
    .action(async (opts: GenerateOptions, command: Command) => {
      const ctx = commandContext(command);
      if (!(SCALE_NAMES as readonly string[]).includes(opts.scale)) {
        throw new CliError(`unknown scale '${opts.scale}': use one of ${SCALE_NAMES.join(', ')}`, EXIT.usage);
      }
      const seed = Number(opts.seed);
      if (!/^\d+$/.test(opts.seed) || !Number.isSafeInteger(seed))
        throw new CliError(`--seed must be a non-negative integer, got '${opts.seed}'`, EXIT.usage);
      const scale = opts.scale as ScaleName;
      const dir = resolve(opts.out ?? `data-samples/${scale}`);
      const options = worldOptions(scale, seed);
      const bar = ctx.out.progress(options.days, `generate ${scale}`);
      const started = performance.now();
      const result = await writeWorld(options, dir, (p) => bar.update(p.day));
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      const files = Object.fromEntries(
        Object.entries(result.manifest.files).map(([type, f]) => [type, { rows: f.rows, sha256: f.sha256 }]),
      );
      ctx.out.result(
        { dir, scale, seed, generator_version: result.manifest.generator_version, events: result.events, seconds, files },
        () => {
          ctx.out.table(Object.entries(result.manifest.files).map(([type, f]) => ({ type, rows: f.rows, file: f.path })));
          ctx.out.line(`${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / seconds)} events/s) → ${dir}`);
        },
      );
    });
}
