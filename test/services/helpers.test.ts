import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedInstall, INSTALL_MARKER, runCommand } from '../../sdk/services/install.ts';
import { findJava, parseJavaRelease } from '../../sdk/services/java.ts';
import { livePid, rssOfTree, spawnDetached, stopByPidFile, waitUntil } from '../../sdk/services/process.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'kol-services-'));

describe('cachedInstall', () => {
  it('installs once, and redoes an install that did not finish', async () => {
    const dir = join(temp(), 'tool', '1.0');
    await expect(
      cachedInstall(dir, 'tool 1.0', async (d) => {
        writeFileSync(join(d, 'half'), 'x');
        throw new Error('network down');
      }),
    ).rejects.toThrow('network down');
    expect(existsSync(join(dir, INSTALL_MARKER))).toBe(false);

    let runs = 0;
    const work = async (d: string) => {
      runs++;
      writeFileSync(join(d, 'bin'), 'ok');
    };
    expect(await cachedInstall(dir, 'tool 1.0', work)).toBe(true);
    expect(existsSync(join(dir, 'half'))).toBe(false);
    expect(await cachedInstall(dir, 'tool 1.0', work)).toBe(false);
    expect(runs).toBe(1);
    expect(await cachedInstall(dir, 'tool 1.0 patched', work)).toBe(true);
    expect(runs).toBe(2);
  });

  it('reports a failing command with the tail of its output', async () => {
    const logFile = join(temp(), 'install.log');
    await expect(runCommand('sh', ['-c', 'echo fetching; echo broken pipe >&2; exit 3'], { logFile })).rejects.toThrow(
      /sh -c failed \(exit 3\)[\s\S]*broken pipe/,
    );
  });
});

describe('java', () => {
  it('reads the major version from a release file', () => {
    expect(parseJavaRelease('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="25.0.3"\n')).toBe(25);
    expect(parseJavaRelease('JAVA_VERSION="17.0.15"')).toBe(17);
    expect(parseJavaRelease('JAVA_VERSION="1.8.0_402"')).toBe(8);
    expect(parseJavaRelease('nothing')).toBeUndefined();
  });

  it('says what to install when no JDK is new enough', () => {
    expect(() => findJava({ minMajor: 99, purpose: 'Trino 999', env: { JAVA_HOME: '/nonexistent' } })).toThrow(
      /Trino 999 needs a Java runtime 99 or newer.*Temurin 25/,
    );
  });
});

describe('detached processes', () => {
  it('records the pid, measures memory, and stops the process group', async () => {
    const dir = temp();
    const pidFile = join(dir, 'sleeper.pid');
    const child = spawnDetached({
      command: 'sh',
      args: ['-c', 'sleep 30 & echo started; wait'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      cwd: dir,
      logFile: join(dir, 'sleeper.log'),
      pidFile,
    });
    await waitUntil(async () => readFileSync(join(dir, 'sleeper.log'), 'utf8').includes('started'), {
      what: 'sleeper',
      timeoutMs: 5000,
      logFile: join(dir, 'sleeper.log'),
      child,
    });
    expect(livePid(pidFile)).toBe(child.pid);
    expect(rssOfTree(child.pid)).toBeGreaterThan(100_000);
    expect(await stopByPidFile(pidFile, { graceMs: 2000 })).toBe(child.pid);
    expect(livePid(pidFile)).toBeUndefined();
    expect(existsSync(pidFile)).toBe(false);
  });

  it('fails fast with the log tail when the server exits during start', async () => {
    const dir = temp();
    const logFile = join(dir, 'bad.log');
    const child = spawnDetached({
      command: 'sh',
      args: ['-c', 'echo "Address already in use"; exit 1'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      cwd: dir,
      logFile,
      pidFile: join(dir, 'bad.pid'),
    });
    const t0 = Date.now();
    await expect(waitUntil(async () => false, { what: 'bad', timeoutMs: 20_000, logFile, child })).rejects.toThrow(
      /bad exited during start \(code 1\)[\s\S]*Address already in use/,
    );
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('does not mistake a recycled pid for its server', () => {
    const dir = temp();
    const pidFile = join(dir, 'x.pid');
    writeFileSync(pidFile, JSON.stringify({ pid: process.pid, startTime: '1' }));
    expect(livePid(pidFile)).toBeUndefined();
  });
});
