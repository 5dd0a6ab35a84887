import type { Command } from 'commander';
import { type KolConfig, type ResolveOptions, resolveConfig } from '../config/index.ts';
import { IssuesError } from '../errors/index.ts';
import { CliError, EXIT } from './exit-codes.ts';
import { createOutput, type Output } from './output.ts';

/** Options every command inherits from the root program. */
export interface GlobalOptions {
  readonly profile?: string;
  readonly config?: string;
  readonly json?: boolean;
}

/** What a command's action gets: its output channel and a lazily resolved config. */
export interface CommandContext {
  readonly out: Output;
  readonly globals: GlobalOptions;
  config(extra?: Partial<ResolveOptions>): KolConfig;
}

/**
 * Builds the context from the command's merged options (global flags may appear before or after the
 * subcommand). A bad config becomes a usage error (exit 2) listing every problem.
 */
export function commandContext(command: Command): CommandContext {
  const globals = command.optsWithGlobals() as GlobalOptions;
  const out = createOutput(Boolean(globals.json));
  return {
    out,
    globals,
    config(extra = {}) {
      try {
        return resolveConfig({
          ...(globals.profile ? { profile: globals.profile } : {}),
          ...(globals.config ? { configFile: globals.config } : {}),
          ...extra,
        });
      } catch (error) {
        if (error instanceof IssuesError) throw new CliError(error.message, EXIT.usage);
        throw error;
      }
    },
  };
}
