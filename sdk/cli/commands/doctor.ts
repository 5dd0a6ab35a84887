import type { Command } from 'commander';
import { runDoctor } from '../../doctor/index.ts';
import { commandContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check every back end of the active profile: reachable or not, the detail, and the fix')
    .option('--json', 'machine-readable output: {"profile", "checks": [{"name", "ok", "detail", "fix"}]}')
    .option('--timeout <ms>', 'time limit per check', '10000')
    .action(async (opts: { timeout: string }, command: Command) => {
      const ctx = commandContext(command);
      // Missing credentials are reported as a failed check with its fix, not as a usage error.
      const report = await runDoctor(ctx.config({ allowMissingSecrets: true }), Number(opts.timeout));
      ctx.out.result(report, () => {
        ctx.out.line(`profile: ${report.profile}`);
        for (const check of report.checks) {
          ctx.out.line(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name.padEnd(13)} ${check.detail}`);
          if (check.fix) ctx.out.line(`     ${''.padEnd(13)} fix: ${check.fix}`);
        }
      });
      if (report.checks.some((c) => !c.ok)) process.exitCode = EXIT.failure;
    });
}
