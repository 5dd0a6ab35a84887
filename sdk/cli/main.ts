import { Command, CommanderError } from 'commander';
import { IssuesError, RemoteError } from '../errors/index.ts';
import { registerCommands } from './commands/index.ts';
import { sdkVersion } from './commands/version.ts';
import { CliError, EXIT } from './exit-codes.ts';

/** The root program: global options, then one registration function per command family. */
export function buildProgram(): Command {
  const program = new Command('kol-sdk')
    .description('KOL analytics workbench: features defined once, an Iceberg lakehouse, trust and success models, streaming scores')
    .version(sdkVersion(), '-v, --version', 'print the kol-sdk version')
    .option('-p, --profile <name>', 'configuration profile: local (embedded, no servers) or cluster')
    .option('-c, --config <file>', 'config file (default: ./kol.config.json when present)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();
  registerCommands(program);
  for (const command of allCommands(program)) command.exitOverride();
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 usage error.
 *
 * @example
 * process.exitCode = await main(['node', 'kol-sdk', 'doctor', '--json']);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version output are successful exits; everything else commander raises is a usage error
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`kol-sdk: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof IssuesError) {
      process.stderr.write(`kol-sdk: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof RemoteError) {
      process.stderr.write(`kol-sdk: ${error.message}${error.retriable ? ' (retriable: try again)' : ''}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`kol-sdk: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}
