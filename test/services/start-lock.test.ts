import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { writePidFile } from '../../sdk/services/process.ts';
import { withStartLock } from '../../sdk/services/start-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'kol-start-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withStartLock', () => {
  it('runs two starts of one service one after the other, never together, and removes the lock', async () => {
    const lock = join(dir, 'kafka.up.lock');
    const events: string[] = [];
    const start = (name: string) =>
      withStartLock(lock, async () => {
        events.push(`${name} in`);
        await sleep(300);
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([start('a'), start('b')])).toEqual(['a', 'b']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the start fails', async () => {
    const lock = join(dir, 'redis.up.lock');
    await expect(withStartLock(lock, () => Promise.reject(new Error('no port')))).rejects.toThrow('no port');
    expect(existsSync(lock)).toBe(false);
    expect(await withStartLock(lock, async () => 'second')).toBe('second');
  });

  it('takes over a lock whose holder has died', async () => {
    const lock = join(dir, 'minio.up.lock');
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid as number;
    await new Promise((resolve) => child.on('exit', resolve));
    writePidFile(lock, pid);
    expect(await withStartLock(lock, async () => 'taken over', 5_000)).toBe('taken over');
  });

  it('gives up, naming the holder, when a live holder keeps it past the wait', async () => {
    const lock = join(dir, 'trino.up.lock');
    writePidFile(lock, process.pid);
    await expect(withStartLock(lock, async () => 'never', 600)).rejects.toThrow(new RegExp(`held by pid ${process.pid}`));
    rmSync(lock);
  });
});
