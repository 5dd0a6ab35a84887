import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkRange, type DayRange, PIPELINE_STAGES, type PipelineStage, runPipeline } from '../../../pipelines/index.ts';
import { openDuckDB } from '../../engines/index.ts';
import { LakeError } from '../../lake/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

interface RunOptions {
  readonly from?: string;
  readonly to?: string;
  readonly events?: string;
  readonly rebuild?: boolean;
}

/** `kol-sdk pipeline run`: builds the bronze, silver and gold tables of the lake. */
export function registerPipeline(program: Command): void {
  const pipeline = program
    .command('pipeline')
    .description('build the lake: bronze (landed events), silver (typed, deduplicated), gold (daily KPIs)');
  pipeline
    .command('run')
    .description('run a layer (or all, in order); silver and gold rebuild only the days of --from/--to and commit nothing when unchanged')
    .argument('<stage>', `one of ${PIPELINE_STAGES.join(', ')}`)
    .option('--from <day>', 'first day (YYYY-MM-DD, UTC) silver and gold rebuild')
    .option('--to <day>', 'last day (YYYY-MM-DD, UTC) silver and gold rebuild')
    .option(
      '--events <dir>',
      "folder of generated <type>.jsonl files bronze lands (default: the profile's events: the files, or Kafka's kol.<type>.v1 topics)",
    )
    .option(
      '--rebuild',
      'bronze from files: replace what was landed from each file by its current lines, one commit per table (after a landed line was edited)',
    )
    .option(
      '--json',
      'machine-readable output: {"stage", "range", "rowsIn", "rowsOut", "deadLettered", "seconds", "tables": [{"table", "rowsIn", "rowsOut", "deadLettered", "changed", "snapshotId", "seconds"}]}',
    )
    .action(async (stage: string, opts: RunOptions, command: Command) => {
      const ctx = commandContext(command);
      if (!(PIPELINE_STAGES as readonly string[]).includes(stage)) {
        throw new CliError(`unknown stage '${stage}': use one of ${PIPELINE_STAGES.join(', ')}`, EXIT.usage);
      }
      const range: DayRange = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
      const problems = checkRange(range);
      if (problems.length > 0) throw new CliError(problems.join('; '), EXIT.usage);
      const config = ctx.config();
      const eventsDir = resolve(opts.events ?? config.events.dir);
      const fromKafka = !opts.events && config.events.source === 'kafka';
      if (opts.rebuild && (fromKafka || (stage !== 'bronze' && stage !== 'all'))) {
        throw new CliError(
          '--rebuild re-lands the generated files into bronze: use it with bronze (or all) and the files (--events DIR or the local profile)',
          EXIT.usage,
        );
      }
      if ((stage === 'bronze' || stage === 'all') && !fromKafka && !existsSync(eventsDir)) {
        throw new CliError(
          `no events folder ${eventsDir}: generate one with 'kol-sdk generate --out <dir>' and pass --events <dir>`,
          EXIT.usage,
        );
      }
      const lake = await openDuckDB(config, { log: (line) => ctx.out.note(line) });
      let bar: ReturnType<typeof ctx.out.progress> | undefined;
      try {
        const summary = await runPipeline(lake, {
          stage: stage as PipelineStage,
          range,
          eventsDir,
          rebuild: opts.rebuild === true,
          ...(fromKafka
            ? { kafka: { brokers: config.kafka.brokers, clientId: config.kafka.clientId, groupId: `${config.kafka.clientId}-bronze` } }
            : {}),
          namespaces: config.lake.namespaces,
          onProgress: (done, total) => {
            bar ??= ctx.out.progress(total, `pipeline ${stage}`);
            bar.update(done);
          },
        }).catch((error: unknown) => {
          // A changed source file or a broken lake file: the message names the file, the table and the fix.
          throw error instanceof LakeError ? new CliError(error.message, EXIT.failure) : error;
        });
        bar?.stop();
        ctx.out.result(summary, () => {
          ctx.out.table(
            summary.tables.map((t) => ({
              table: t.table,
              in: t.rowsIn,
              out: t.rowsOut,
              dead: t.deadLettered,
              changed: t.changed ? 'yes' : 'no',
              snapshot: t.snapshotId ?? '',
              s: t.seconds.toFixed(2),
            })),
          );
          ctx.out.line(
            `${summary.rowsIn} rows in, ${summary.rowsOut} rows out, ${summary.deadLettered} dead-lettered, ${summary.tables.filter((t) => t.changed).length}/${summary.tables.length} tables committed, ${summary.seconds.toFixed(1)} s`,
          );
        });
        if (summary.deadLettered > 0)
          ctx.out.note(`${summary.deadLettered} records failed their contract: see ${config.lake.namespaces.bronze}.dead_letters`);
      } finally {
        bar?.stop();
        await lake.close();
      }
    });
}
