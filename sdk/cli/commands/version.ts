import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DUCKDB_ENGINE_VERSION } from '../../config/index.ts';
import { commandContext } from '../context.ts';

/** The SDK's own version, read from package.json so that there is one source of truth. */
export function sdkVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the kol-sdk version and the versions of its engines')
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const { out } = commandContext(command);
      const info = { 'kol-sdk': sdkVersion(), node: process.versions.node, duckdb: DUCKDB_ENGINE_VERSION };
      out.result(info, () => out.line(`kol-sdk ${info['kol-sdk']} (node ${info.node}, duckdb ${info.duckdb})`));
    });
}
