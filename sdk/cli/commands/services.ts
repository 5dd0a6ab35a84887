import type { Command } from 'commander';
import { devServicesConfig, parseServiceNames, type ServiceName, servicesDown, servicesStatus, servicesUp } from '../../services/index.ts';
import { type CommandContext, commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

const mib = (bytes: number | undefined) => (bytes === undefined ? '' : `${Math.round(bytes / 2 ** 20)} MiB`);

function names(args: readonly string[]): ServiceName[] | undefined {
  if (args.length === 0) return undefined;
  try {
    return parseServiceNames(args);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
}

/** The development servers always run with the cluster profile's settings (ports, buckets, keys). */
function servicesConfig(ctx: CommandContext) {
  return devServicesConfig(ctx.globals.config ? { configFile: ctx.globals.config } : {});
}

export function registerServices(program: Command): void {
  const services = program
    .command('services')
    .description(
      'install, start, stop and inspect the development servers (Kafka, MLflow, MinIO, Iceberg REST, Trino, PostgreSQL, Redis) without Docker',
    );

  services
    .command('up')
    .description('install (once, cached) and start the named services and their dependencies; all when none is named')
    .argument('[names...]', 'postgres, redis, minio, iceberg-rest, kafka, mlflow, trino')
    .option('--json', 'machine-readable output')
    .action(async (args: string[], _opts, command: Command) => {
      const ctx = commandContext(command);
      const chosen = names(args);
      const bar = ctx.out.progress(chosen?.length ?? 7, 'services');
      const started = Date.now();
      const results = await servicesUp(chosen, {
        config: servicesConfig(ctx),
        log: (line) => {
          if (!ctx.out.json) ctx.out.note(line);
          if (/ (ready|already up)/.test(line)) bar.tick();
        },
      });
      bar.stop();
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const rows = results.map((r) => ({ name: r.name, outcome: r.outcome, seconds: r.seconds, detail: r.detail }));
      ctx.out.result({ seconds, services: rows }, () => {
        ctx.out.table(rows);
        ctx.out.line(`done in ${seconds} s`);
      });
      if (results.some((r) => r.outcome === 'failed' || r.outcome === 'foreign' || r.outcome === 'skipped'))
        process.exitCode = EXIT.failure;
    });

  services
    .command('down')
    .description('stop the named services (all when none is named) by the PID kol-sdk recorded')
    .argument('[names...]', 'services to stop')
    .option('--json', 'machine-readable output')
    .action(async (args: string[], _opts, command: Command) => {
      const ctx = commandContext(command);
      const results = await servicesDown(names(args), { config: servicesConfig(ctx), log: (l) => ctx.out.json || ctx.out.note(l) });
      ctx.out.result({ services: results }, () =>
        ctx.out.table(results.map((r) => ({ name: r.name, outcome: r.outcome, detail: r.detail }))),
      );
    });

  services
    .command('status')
    .description('state, pid, port, version and resident memory of each service')
    .argument('[names...]', 'services to inspect')
    .option('--json', 'machine-readable output')
    .action(async (args: string[], _opts, command: Command) => {
      const ctx = commandContext(command);
      const status = await servicesStatus(names(args), { config: servicesConfig(ctx) });
      const totalRss = status.reduce((s, x) => s + (x.rssBytes ?? 0), 0);
      ctx.out.result({ services: status, totalRssBytes: totalRss }, () => {
        ctx.out.table(
          status.map((s) => ({
            name: s.name,
            state: s.state,
            pid: s.pid ?? '',
            port: s.port,
            version: s.version,
            rss: mib(s.rssBytes),
            detail: s.detail,
          })),
        );
        ctx.out.line(`total resident memory: ${mib(totalRss)}`);
      });
      if (args.length > 0 && status.some((s) => s.state !== 'running')) process.exitCode = EXIT.failure;
    });
}
