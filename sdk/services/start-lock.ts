import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `body` holding the start lock of one service (a file created exclusively, holding our pid).
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
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(lockFile, 'utf8').trim());
      } catch {
        // removed between our open and read: try again
      }
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) rmSync(lockFile, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`${lockFile} is held by pid ${holder}, which has been starting this service for too long`);
      else await sleep(250);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
