import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { IssuesError } from '../../errors/index.ts';
import { kafkaPublisher, parseSpeed, type ReplaySpeed, replay } from '../../ingest/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

interface ReplayCliOptions {
  readonly from: string;
  readonly to: string;
  readonly speed: string;
  readonly partitions: string;
}

/** `kol-sdk ingest replay`: publishes a generated folder to Kafka in event-time order. */
export function registerIngest(program: Command): void {
  const ingest = program.command('ingest').description('move events into the platform');
  ingest
    .command('replay')
    .description('publish generated events to kol.<type>.v1 topics in the order they became known; invalid records go to kol.deadletter.v1')
    .requiredOption('--from <dir>', 'a generated folder (kol-sdk generate --out DIR)')
    .option('--to <target>', 'where to publish: kafka (the brokers of the active profile)', 'kafka')
    .option('--speed <speed>', "'max' or a multiple of real time such as 10x or 3600x", 'max')
    .option('--partitions <n>', 'partitions of topics it creates', '3')
    .option('--json', 'machine-readable output: {"events", "published", "deadLettered", "reasons", "seconds", "eventsPerSecond", …}')
    .action(async (opts: ReplayCliOptions, command: Command) => {
      const ctx = commandContext(command);
      if (opts.to !== 'kafka') throw new CliError(`unknown target '${opts.to}': only 'kafka' is supported`, EXIT.usage);
      let speed: ReplaySpeed;
      try {
        speed = parseSpeed(opts.speed);
      } catch (error) {
        throw new CliError(error instanceof IssuesError ? (error.issues[0]?.message ?? error.message) : String(error), EXIT.usage);
      }
      const partitions = Number(opts.partitions);
      if (!Number.isInteger(partitions) || partitions < 1)
        throw new CliError(`--partitions must be a positive integer, got '${opts.partitions}'`, EXIT.usage);
      const from = resolve(opts.from);
      if (!existsSync(from)) throw new CliError(`no folder ${from}: generate one with 'kol-sdk generate --out ${opts.from}'`, EXIT.usage);
      const config = ctx.config({ allowMissingSecrets: true });
      const publisher = await kafkaPublisher({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, partitions });
      let bar: ReturnType<typeof ctx.out.progress> | null = null;
      try {
        const summary = await replay({
          from,
          publisher,
          speed,
          onProgress: (done, total) => {
            bar ??= ctx.out.progress(total, `replay ${opts.speed}`);
            bar.update(done);
          },
        });
        (bar as ReturnType<typeof ctx.out.progress> | null)?.stop();
        ctx.out.result({ from, brokers: config.kafka.brokers, speed: opts.speed, createdTopics: publisher.created, ...summary }, () => {
          ctx.out.table(Object.entries(summary.published).map(([topic, messages]) => ({ topic, messages })));
          ctx.out.line(
            `${summary.events} events in ${summary.seconds.toFixed(1)} s (${Math.round(summary.eventsPerSecond)} events/s), ${summary.deadLettered} to ${'kol.deadletter.v1'}`,
          );
          for (const [reason, n] of Object.entries(summary.reasons)) ctx.out.line(`  dead letter ×${n}: ${reason}`);
        });
        if (summary.deadLettered > 0) ctx.out.note(`${summary.deadLettered} records failed their contract: see kol.deadletter.v1`);
      } finally {
        await publisher.close();
      }
    });
}
