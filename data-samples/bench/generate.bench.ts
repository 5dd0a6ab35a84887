/**
 * Generator throughput: events per second written to files at scale m (about a million events) on one
 * core, beside the target (500k/s) and a ceiling: writing the very same bytes, already in memory, to files.
 *
 *   npm run bench:generate            # KOL_BENCH_SCALE=s|m|l, KOL_BENCH_RUNS=3
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATOR_VERSION, type ScaleName, worldOptions, writeWorld } from '../generator/index.ts';
import { figure, peakRssMiB, pinToOneCore, printTable, ratio, repeat, runsOf } from './harness.ts';

const TARGET = 500_000;
const scale = (process.env.KOL_BENCH_SCALE ?? 'm') as ScaleName;
const runs = Number(process.env.KOL_BENCH_RUNS ?? 3);
const pinning = pinToOneCore();
const dir = mkdtempSync(join(tmpdir(), 'kol-bench-generate-'));

try {
  let events = 0;
  let bytes = 0;
  // Per CPU-second of this process too: on a machine shared with other work, wall time also counts the
  // time the core spent on someone else.
  const perCpu: number[] = [];
  const ours = await repeat(runs, 1, async () => {
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await writeWorld(worldOptions(scale, 42), join(dir, 'out'));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    perCpu.push(r.events / ((cpu.user + cpu.system) / 1e6));
    events = r.events;
    return r.events / seconds;
  });
  const cpu = runsOf(perCpu.slice(1));
  const rss = peakRssMiB();
  // Ceiling: the same files' bytes, already in memory, written out again (no simulation, no JSON).
  const files = readdirSync(join(dir, 'out')).map((f) => readFileSync(join(dir, 'out', f)));
  bytes = files.reduce((n, b) => n + b.length, 0);
  const ceiling = await repeat(runs, 1, async () => {
    const t0 = performance.now();
    for (const [i, b] of files.entries()) writeFileSync(join(dir, `copy-${i}`), b);
    return events / ((performance.now() - t0) / 1000);
  });
  printTable(`Generator throughput, scale ${scale}: ${events.toLocaleString('en-US')} events, ${(bytes / 2 ** 20).toFixed(0)} MiB`, [
    { what: 'kol-sdk generate (simulate + serialise + sort + write)', 'events/s': figure(ours), 'vs target': ratio(ours.median, TARGET) },
    { what: '  the same, per CPU-second of the process', 'events/s': figure(cpu), 'vs target': ratio(cpu.median, TARGET) },
    { what: 'target', 'events/s': `${TARGET.toLocaleString('en-US')}/s`, 'vs target': '1.00×' },
    { what: 'ceiling: write the same bytes from memory', 'events/s': figure(ceiling), 'vs target': ratio(ceiling.median, TARGET) },
  ]);
  process.stdout.write(
    `\nours/ceiling ${ratio(ours.median, ceiling.median)} · peak RSS ${rss} MiB · node ${process.versions.node} · generator ${GENERATOR_VERSION} · ${pinning}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
