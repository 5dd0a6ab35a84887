import type { Command } from 'commander';
import { redactConfig } from '../../config/index.ts';
import { commandContext } from '../context.ts';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('inspect the resolved configuration');
  config
    .command('show')
    .description('print the resolved config of the active profile, secrets redacted')
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const ctx = commandContext(command);
      const resolved = ctx.config();
      const safe = redactConfig(resolved) as Record<string, unknown>;
      ctx.out.result(safe, () => {
        ctx.out.line(`profile: ${resolved.profile}`);
        ctx.out.line(`sources: ${resolved.sources.join(' < ')}`);
        for (const [section, value] of Object.entries(safe)) {
          if (section === 'profile' || section === 'sources') continue;
          if (typeof value !== 'object' || value === null) {
            ctx.out.line(`${section}: ${String(value)}`);
            continue;
          }
          ctx.out.line(`${section}:`);
          for (const [key, inner] of Object.entries(value)) {
            ctx.out.line(`  ${key}: ${typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}`);
          }
        }
      });
    });
}
