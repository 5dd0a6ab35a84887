import { EVENT_CONTRACTS } from '../sdk/contracts/index.ts';
import type { DuckDBLake } from '../sdk/engines/index.ts';
import { listTables, readingLake } from '../sdk/lake/index.ts';
import { landFile } from './bronze.ts';
import { landKafka } from './bronze-kafka.ts';
import { buildGold, GOLD_TABLES } from './gold.ts';
import { buildSilver } from './silver.ts';
import type { DayRange, PipelineStage, PipelineSummary, TableRun } from './types.ts';

export interface PipelineOptions {
  readonly stage: PipelineStage;
  /** Days silver and gold rebuild; bronze always lands whatever is new. */
  readonly range?: DayRange;
  /** The folder of generated `<event type>.jsonl` files bronze lands from. */
  readonly eventsDir: string;
  /** Land bronze from the `kol.<type>.v1` topics of these brokers instead of the files. */
  readonly kafka?: { readonly brokers: readonly string[]; readonly clientId: string; readonly groupId: string };
  readonly namespaces: { readonly bronze: string; readonly silver: string; readonly gold: string };
  /**
   * Bronze from files: replace everything landed from the files by their current lines, one commit per
   * table (for files edited after they were landed, which a normal run refuses).
   */
  readonly rebuild?: boolean;
  /** Called before each table with how many tables are done and how many there are. */
  readonly onProgress?: (done: number, total: number, table: string) => void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a day range: each end a real `YYYY-MM-DD` day, `from` not after `to`. */
export function checkRange(range: DayRange): string[] {
  const problems: string[] = [];
  for (const [name, v] of Object.entries(range)) {
    if (v === undefined) continue;
    if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)
      problems.push(`--${name} must be a day as YYYY-MM-DD, not '${v}'`);
  }
  if (problems.length === 0 && range.from && range.to && range.from > range.to)
    problems.push(`--from ${range.from} is after --to ${range.to}`);
  return problems;
}

/**
 * Runs the pipelines on an open lake: bronze lands new lines of the generated files exactly once, silver
 * types and deduplicates each event type, gold computes the daily KPI tables. Silver and gold rebuild only
 * the range's days, and commit nothing when a table already holds the result.
 *
 * @example
 * const lake = await openDuckDB(config);
 * const summary = await runPipeline(lake, { stage: 'all', eventsDir: config.events.dir, namespaces: config.lake.namespaces });
 * console.log(summary.rowsOut, summary.tables.map((t) => t.snapshotId));
 */
export async function runPipeline(lake: DuckDBLake, options: PipelineOptions): Promise<PipelineSummary> {
  const started = performance.now();
  const range = options.range ?? {};
  const problems = checkRange(range);
  if (options.rebuild && options.kafka)
    problems.push('--rebuild re-lands the generated files; bronze from Kafka is replayed by its offsets instead');
  if (problems.length > 0) throw new Error(problems.join('; '));
  // Days are UTC days wherever a timestamp becomes a date.
  await lake.runner.run("SET TimeZone = 'UTC'");
  const stages = options.stage === 'all' ? (['bronze', 'silver', 'gold'] as const) : [options.stage];
  const jobs: { table: string; run: () => Promise<TableRun> }[] = [];
  const ns = options.namespaces;
  for (const stage of stages) {
    if (stage === 'bronze' && options.kafka) {
      const k = options.kafka;
      let landed: Promise<TableRun[]> | undefined;
      const all = () => {
        landed ??= landKafka(lake, { ...k, sources: EVENT_CONTRACTS.map((contract) => ({ contract })), namespace: ns.bronze });
        return landed;
      };
      // One consumer and one commit for every topic; each table reports its share.
      for (const [i, c] of EVENT_CONTRACTS.entries())
        jobs.push({ table: `${ns.bronze}.${c.name}`, run: async () => (await all())[i] as TableRun });
    } else if (stage === 'bronze') {
      for (const c of EVENT_CONTRACTS)
        jobs.push({
          table: `${ns.bronze}.${c.name}`,
          run: () => landFile(lake, c, options.eventsDir, ns.bronze, { rebuild: options.rebuild === true }),
        });
    } else if (stage === 'silver') {
      for (const c of EVENT_CONTRACTS) jobs.push({ table: `${ns.silver}.${c.name}`, run: () => buildSilver(lake, c, ns, range) });
    } else {
      for (const g of GOLD_TABLES) jobs.push({ table: `${ns.gold}.${g.name}`, run: () => buildGold(lake, g, ns, range) });
    }
  }
  const tables: TableRun[] = [];
  for (const [i, job] of jobs.entries()) {
    options.onProgress?.(i, jobs.length, job.table);
    // A missing or broken file of a table this job reads is named (file, table, fix) before anything is written.
    const [namespace, name] = job.table.split('.');
    // Silver reads its own event type's bronze table; gold reads every silver table.
    const reads = (await listTables(lake)).filter(
      (t) =>
        t === job.table ||
        (namespace === ns.silver && t === `${ns.bronze}.${name}`) ||
        (namespace === ns.gold && t.startsWith(`${ns.silver}.`)),
    );
    tables.push(await readingLake(lake, reads, job.run));
  }
  options.onProgress?.(jobs.length, jobs.length, '');
  const sum = (f: (t: TableRun) => number) => tables.reduce((s, t) => s + f(t), 0);
  return {
    stage: options.stage,
    range,
    tables,
    rowsIn: sum((t) => t.rowsIn),
    rowsOut: sum((t) => t.rowsOut),
    deadLettered: sum((t) => t.deadLettered),
    seconds: (performance.now() - started) / 1000,
  };
}
