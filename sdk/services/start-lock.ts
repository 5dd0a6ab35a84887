import { linkSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { livePid, writePidFile } from './process.ts';

/**
 * Runs `body` holding the start lock of one service (a file created exclusively, holding our pid record).
 * Two `services up` of one service at the same moment (a test run and a terminal) both found it stopped
 * and both started it; the loser's server failed to bind and died after its pid file had replaced the
 * winner's, leaving a running server no `services down` knew. With the lock the second waits, then finds
 * it running. A lock whose holder died is taken over.
 *
 * @example await withStartLock(join(runDir, 'kafka.up.lock'), () => startKafka());
 */
export async function withStartLock<T>(lockFile: string, body: () => Promise<T>, waitMs = 10 * 60_000): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + waitMs;
  // The lock is a pid record like a server's (pid and start time, so a recycled pid is not mistaken for the
  // holder), written aside and linked into place: the lock file never exists half-written.
  const mine = `${lockFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writePidFile(mine, process.pid);
  try {
    for (;;) {
      try {
        linkSync(mine, lockFile);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (livePid(lockFile) === undefined) rmSync(lockFile, { force: true });
        else if (Date.now() > deadline)
          throw new Error(`${lockFile} is held by pid ${holderOf(lockFile)}, which has been starting this service for too long`);
        else await sleep(250);
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  try {
    return await body();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function holderOf(lockFile: string): string {
  try {
    return String((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: unknown }).pid);
  } catch {
    return '?';
  }
}
