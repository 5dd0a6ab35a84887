import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { describe, inject } from 'vitest';
import type { KolConfig } from '../../sdk/config/types.ts';
import { devServicesConfig } from '../../sdk/services/context.ts';
import { descendants } from '../../sdk/services/process.ts';
import type { ServiceName } from '../../sdk/services/types.ts';

/** The config the servers run with (cluster profile, development credentials). */
export const config: KolConfig = devServicesConfig();

/** A name no other run uses, for topics, experiments, namespaces and keys. */
export const unique = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * `describe` that is skipped when the global setup could not bring every one of `names` up (outside CI
 * only: under CI=true the setup fails the run instead, so these tests always run there).
 */
export function describeService(names: ServiceName | readonly ServiceName[], title: string, body: () => void): void {
  const up = inject('kolServicesUp') ?? [];
  const needed: readonly ServiceName[] = typeof names === 'string' ? [names] : names;
  // Under CI nothing is skipped: a service that is down makes these tests fail, not vanish.
  describe.skipIf(process.env.CI !== 'true' && !needed.every((n) => up.includes(n)))(title, body);
}

/** Local addresses of every listening TCP socket owned by `pid` or its descendants, as `ip:port`. */
export function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const p of [pid, ...descendants(pid)]) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${p}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${p}/fd/${fd}`));
        if (match?.[1]) inodes.add(match[1]);
      } catch {
        // closed meanwhile
      }
    }
  }
  const out: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local, state, inode] = [cols[1], cols[3], cols[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue;
      const [hex, portHex] = local.split(':') as [string, string];
      out.push(`${v6 ? ipv6(hex) : ipv4(hex)}:${Number.parseInt(portHex, 16)}`);
    }
  }
  return out;
}

function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

/** /proc/net/tcp6 prints four 32-bit words in host (little-endian) order; returns the usual notation. */
function ipv6(hex: string): string {
  const bytes = [0, 1, 2, 3].flatMap((w) => [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(w * 8 + i * 2, w * 8 + i * 2 + 2), 16)));
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 255 && bytes[11] === 255) return `::ffff:${bytes.slice(12).join('.')}`;
  if (zeros(0, 15)) return bytes[15] === 1 ? '::1' : bytes[15] === 0 ? '::' : `::${bytes[15]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
