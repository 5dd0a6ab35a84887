/** What every benchmark here shares: pinning, repeated timed runs, and the printed table. */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Pins this process (all its threads) to one core with `taskset`, the last one, leaving the others to the
 * servers. Returns what was done, for the report.
 */
export function pinToOneCore(): string {
  const cores = availableParallelism();
  const core = Math.max(0, cores - 1);
  try {
    execFileSync('taskset', ['-a', '-c', '-p', String(core), String(process.pid)], { stdio: 'ignore' });
    return `taskset core ${core} of ${cores}`;
  } catch {
    return 'not pinned (taskset unavailable)';
  }
}

export interface Runs {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

/** Runs `once` `warmup` times untimed, then `n` times; returns the per-run results (already rates). */
export async function repeat(n: number, warmup: number, once: () => Promise<number>): Promise<Runs> {
  for (let i = 0; i < warmup; i++) await once();
  const values: number[] = [];
  for (let i = 0; i < n; i++) values.push(await once());
  return runsOf(values);
}

/** Median, min and max of per-run results. */
export function runsOf(values: readonly number[]): Runs {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    values,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A figure with its spread: `512,000/s (480,000–530,000, 3 runs)`. */
export function figure(r: Runs, unit = '/s'): string {
  return `${fmt(r.median)}${unit} (${fmt(r.min)}–${fmt(r.max)}, ${r.values.length} runs)`;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: readonly Record<string, string>[]): void {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i] as number))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${title}\n${line(cols)}\n${line(width.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => r[c] ?? ''))}\n`);
}

export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

/** Peak resident memory of this process so far, in MiB. */
export const peakRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
