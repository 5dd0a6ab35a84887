import { relative } from 'node:path';
import type { Command } from 'commander';
import { checkLab, type ExecutedNotebook, executeNotebook, listNotebooks, prepareWorkbench, startLab } from '../../notebook/index.ts';
import { findProjectRoot } from '../../query/index.ts';
import { type CommandContext, commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

interface NotebookOptions {
  readonly port?: string;
  readonly browser: boolean;
  readonly check?: boolean;
  readonly execute?: boolean | string[];
  readonly json?: boolean;
}

/**
 * `kol-sdk notebook`: Jupyter Lab with the TypeScript kernel on 127.0.0.1, `notebooks/` open. The first
 * run installs Jupyter Lab into a cached venv; later runs start at once. `--check` proves the setup
 * (Lab answers, the kernel is this project's, the plotly renderer is there) and stops; `--execute` runs
 * notebooks headless and fails on the first cell that fails.
 */
export function registerNotebook(program: Command): void {
  program
    .command('notebook')
    .description('start Jupyter Lab with the TypeScript (tslab) kernel on 127.0.0.1, notebooks/ open; installs it once into a cached venv')
    .option('--port <n>', 'port (default: a free one)')
    .option('--no-browser', 'do not open a browser; print the address')
    .option('--check', 'install if needed, start Lab, verify the kernel and the plotly renderer through its API, stop')
    .option('--execute [notebooks...]', 'run notebooks headless with nbclient (default: every notebooks/*.ipynb)')
    .option('--json', 'machine-readable output (with --check or --execute)')
    .action(async (opts: NotebookOptions, command: Command) => {
      const ctx = commandContext(command);
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
        throw new CliError(`--port must be a port number, got '${opts.port}'`, EXIT.usage);
      }
      try {
        await run(opts, ctx, port);
      } catch (error) {
        if (error instanceof CliError || !(error instanceof Error)) throw error;
        throw new CliError(error.message, EXIT.failure);
      }
    });
}

async function run(opts: NotebookOptions, ctx: CommandContext, port: number | undefined): Promise<void> {
  const root = findProjectRoot();
  const wb = await prepareWorkbench(ctx.config({ allowMissingSecrets: true }), root, (line) => ctx.out.note(line));
  if (opts.check) {
    const check = await checkLab(wb.paths);
    ctx.out.result({ ...check, installed: wb.installed, kernelFile: wb.kernelFile, venv: wb.paths.venv }, () => {
      ctx.out.line(`Jupyter Lab (server ${check.server}) answered on ${check.url}`);
      ctx.out.line(`kernel tslab: ${check.kernel ? check.kernel.argv.join(' ') : 'MISSING'}`);
      ctx.out.line(`plotly renderer: ${check.plotlyRenderer ? 'installed' : 'MISSING'}`);
    });
    if (!check.ok) process.exitCode = EXIT.failure;
    return;
  }
  if (opts.execute !== undefined) {
    const files = Array.isArray(opts.execute) && opts.execute.length > 0 ? opts.execute : listNotebooks(wb.paths);
    const runs: ExecutedNotebook[] = [];
    for (const file of files) {
      ctx.out.note(`running ${relative(root, file)}`);
      runs.push(await executeNotebook(wb.paths, file));
    }
    ctx.out.result({ notebooks: runs }, () => {
      ctx.out.table(
        runs.map((r) => ({
          notebook: relative(root, r.notebook),
          cells: r.cells.length,
          seconds: r.seconds.toFixed(1),
          result: r.failed ? `FAILED at cell ${r.failed.index}: ${r.failed.error?.value ?? r.failed.stderr.trim()}` : 'ok',
        })),
      );
    });
    if (runs.some((r) => r.failed)) process.exitCode = EXIT.failure;
    return;
  }
  const lab = await startLab(wb.paths, { openBrowser: opts.browser, stdio: 'inherit', ...(port ? { port } : {}) });
  ctx.out.note(`Jupyter Lab: ${lab.tokenUrl}`);
  ctx.out.note('Ctrl-C stops it.');
  const stop = () => void lab.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise<void>((done) => lab.child.once('exit', () => done()));
}
