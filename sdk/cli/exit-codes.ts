/** Process exit codes of every `kol-sdk` command. */
export const EXIT = {
  ok: 0,
  /** The command ran and failed (a check failed, a server was down, bad data). */
  failure: 1,
  /** The command line itself was wrong (unknown option, missing argument, bad config). */
  usage: 2,
} as const;

/** An error that ends the command with the given exit code and message, without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
