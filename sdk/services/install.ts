import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { logTail } from './process.ts';

/** Written last, so that a folder without it is a half-finished install to redo. */
export const INSTALL_MARKER = '.installed';

/**
 * Runs `work` into `dir` unless `dir` already holds a finished install of `key`. A folder without the
 * marker (an interrupted install) or with another key is wiped first. Returns true when it installed.
 *
 * @example
 * await cachedInstall(join(cacheDir, '4.4.0'), 'kafka 4.4.0', async (dir) => { ...fetch jars into dir... });
 */
export async function cachedInstall(dir: string, key: string, work: (dir: string) => Promise<void>): Promise<boolean> {
  if (isInstalled(dir, key)) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await work(dir);
  writeFileSync(join(dir, INSTALL_MARKER), `${key}\n`);
  return true;
}

/** True when `dir` holds a finished install of `key`. */
export function isInstalled(dir: string, key: string): boolean {
  const marker = join(dir, INSTALL_MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === key;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Output goes here (appended), not to the terminal; its tail is in the error on failure. */
  readonly logFile: string;
  readonly timeoutMs?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Runs a command to completion with its output appended to `logFile`; rejects with the log tail when
 * it exits non-zero or runs past `timeoutMs`.
 *
 * @example
 * await runCommand('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=${gav}`], { logFile });
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<void> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} ${command} ${args.join(' ')} ===\n`);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env) },
      stdio: ['ignore', fd, fd],
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
    closeSync(fd);
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${command} ${args[0] ?? ''} failed (${signal ?? `exit ${code}`}); last lines of ${options.logFile}:\n${logTail(options.logFile, 30)}`,
          ),
        );
    });
  });
}

/**
 * The absolute path of an executable on PATH, or undefined.
 *
 * @example
 * which('mvn'); // '/usr/bin/mvn'
 */
export function which(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Throws a message naming what to install when `command` is not on PATH. */
export function requireCommand(command: string, purpose: string, howToGet: string): string {
  const found = which(command);
  if (!found) throw new Error(`'${command}' is not on PATH; it is needed to ${purpose} — ${howToGet}`);
  return found;
}
