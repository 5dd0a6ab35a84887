import { existsSync } from 'node:fs';
import { runCommand, which } from './install.ts';

/**
 * Installs a Debian package with apt-get when `probe` (an absolute path) does not exist yet. Needs root;
 * otherwise the error says which command to run. Services are not started by the package: containers
 * carry a policy-rc.d that forbids it, and on other machines our own server needs a free port anyway.
 *
 * @example
 * await ensureDebianPackage('redis-server', '/usr/bin/redis-server', installLog);
 */
export async function ensureDebianPackage(pkg: string, probe: string, logFile: string): Promise<boolean> {
  if (existsSync(probe)) return false;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${pkg}`;
  if (process.getuid?.() !== 0 || !which('apt-get')) {
    throw new Error(`${probe} is missing — install the Debian package '${pkg}' (as root: ${command})`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update'], { env, logFile, timeoutMs: 10 * 60_000 });
  await runCommand('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, logFile, timeoutMs: 10 * 60_000 });
  if (!existsSync(probe)) throw new Error(`apt-get installed '${pkg}' but ${probe} is still missing; see ${logFile}`);
  return true;
}
