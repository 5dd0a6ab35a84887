import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the pid file records: the start time guards against killing a recycled pid. */
export interface PidRecord {
  readonly pid: number;
  readonly startTime: string;
}

export interface SpawnOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly logFile: string;
  readonly pidFile: string;
  /** Run as another user (PostgreSQL refuses to run as root). */
  readonly uid?: number;
  readonly gid?: number;
}

/** A detached server whose output goes to its log file; it outlives the Node process that started it. */
export interface Spawned {
  readonly pid: number;
  /** Set once the process has exited while this Node process was still watching it. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Starts `command` in its own process group with stdout and stderr appended to `logFile`, and records
 * its pid in `pidFile`.
 *
 * @example
 * const child = spawnDetached({ command: 'redis-server', args: ['--port', '6379'], env: minimalEnv(), cwd: dir,
 *   logFile: join(dir, 'redis.log'), pidFile: join(dir, 'redis.pid') });
 */
export function spawnDetached(options: SpawnOptions): Spawned {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} starting ${options.command} ===\n`);
  let child: ChildProcess;
  try {
    child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: { ...options.env },
      detached: true,
      stdio: ['ignore', fd, fd],
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
    });
  } finally {
    closeSync(fd);
  }
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, signal) => {
    exit = { code, signal };
  });
  // A failed exec (ENOENT) shows up here rather than as a throw.
  child.on('error', (error) => {
    exit = { code: -1, signal: null };
    try {
      writeFileSync(options.logFile, `cannot start ${options.command}: ${error.message}\n`, { flag: 'a' });
    } catch {
      // the log folder vanished; the readiness wait reports the exit anyway
    }
  });
  child.unref();
  const pid = child.pid ?? -1;
  if (pid > 0) writePidFile(options.pidFile, pid);
  return { pid, exited: () => exit };
}

/** Writes `{ pid, startTime }` for `pid`. */
export function writePidFile(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  const record: PidRecord = { pid, startTime: processStartTime(pid) ?? '' };
  writeFileSync(pidFile, `${JSON.stringify(record)}\n`);
}

/** The live process recorded in `pidFile`, or undefined when the file is missing, stale or recycled. */
export function livePid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  let record: PidRecord;
  try {
    record = JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(record.pid) || record.pid <= 0) return undefined;
  const started = processStartTime(record.pid);
  if (started === undefined || isZombie(record.pid)) return undefined;
  if (record.startTime !== '' && started !== record.startTime) return undefined;
  return record.pid;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined when the pid is gone. */
export function processStartTime(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

function isZombie(pid: number): boolean {
  return statFields(pid)?.[0] === 'Z';
}

/** The fields of /proc/<pid>/stat after the command name (which may itself contain spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
  } catch {
    return undefined;
  }
}

export interface StopOptions {
  /** SIGTERM by default; PostgreSQL wants SIGINT (fast shutdown) since SIGTERM waits for clients. */
  readonly signal?: NodeJS.Signals;
  /** Signal the whole process group (servers that fork workers) or only the leader. Default: group. */
  readonly group?: boolean;
  readonly graceMs?: number;
}

/**
 * Stops the process recorded in `pidFile`: `signal`, then SIGKILL after `graceMs`. Removes the pid file.
 * Returns the pid that was stopped, or undefined when nothing of ours was running.
 *
 * @example
 * await stopByPidFile(join(runDir, 'kafka.pid'), { graceMs: 20_000 });
 */
export async function stopByPidFile(pidFile: string, options: StopOptions = {}): Promise<number | undefined> {
  const pid = livePid(pidFile);
  if (pid === undefined) {
    rmSync(pidFile, { force: true });
    return undefined;
  }
  const group = options.group ?? true;
  const target = group ? -pid : pid;
  const tree = group ? [] : descendants(pid);
  signalQuietly(target, options.signal ?? 'SIGTERM');
  const deadline = Date.now() + (options.graceMs ?? 15_000);
  while (Date.now() < deadline && alive(pid)) await sleep(100);
  if (alive(pid)) {
    signalQuietly(target, 'SIGKILL');
    for (const child of tree) signalQuietly(child, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  rmSync(pidFile, { force: true });
  return pid;
}

function alive(pid: number): boolean {
  return processStartTime(pid) !== undefined && !isZombie(pid);
}

function signalQuietly(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // already gone
  }
}

/** Every descendant pid of `pid` (children, grandchildren…), from /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    for (const child of children.get(next) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * Resident memory of `pid` and all its descendants, in bytes (VmRSS from /proc; shared pages count once
 * per process, so this slightly over-counts forked servers such as PostgreSQL).
 *
 * @example
 * const bytes = rssOfTree(pid); // 431_009_792
 */
export function rssOfTree(pid: number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // exited while we looked
    }
  }
  return total;
}

/** The last `lines` lines of a log file ('' when it does not exist). */
export function logTail(file: string, lines = 40): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface WaitOptions {
  readonly what: string;
  readonly timeoutMs: number;
  readonly logFile: string;
  readonly intervalMs?: number;
  /** Stop waiting at once when the server process has died. */
  readonly child?: Spawned;
}

/**
 * Polls `check` until it resolves true. On timeout, or when the watched child exits first, throws an
 * error whose message carries the tail of the server's log, which is where the reason usually is.
 *
 * @example
 * await waitUntil(() => httpOk('http://127.0.0.1:5000/health'), { what: 'MLflow', timeoutMs: 60_000, logFile });
 */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    const exit = options.child?.exited();
    if (exit) {
      throw new Error(
        `${options.what} exited during start (${exit.signal ?? `code ${exit.code}`}); last lines of ${options.logFile}:\n${logTail(options.logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${options.what} was not ready after ${Math.round(options.timeoutMs / 1000)} s; last lines of ${options.logFile}:\n${logTail(options.logFile)}`,
      );
    }
    await sleep(options.intervalMs ?? 250);
  }
}
