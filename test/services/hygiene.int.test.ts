import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { servicesStatus } from '../../sdk/services/manager.ts';
import { config, listeningAddresses } from './int-support.ts';

function logFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'data') out.push(...logFiles(path));
    else if (entry.isFile() && /\.(log|out)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('every development server that is up', () => {
  it('is reported running with its memory, and listens on loopback only', async () => {
    const up = inject('kolServicesUp');
    const statuses = await servicesStatus(up, { config });
    for (const status of statuses) {
      expect(status.state, status.detail).toBe('running');
      if (status.pid === undefined) continue; // answering, but started outside this project
      expect(status.rssBytes).toBeGreaterThan(1_000_000);
      const addresses = listeningAddresses(status.pid);
      expect(addresses.length, status.name).toBeGreaterThan(0);
      for (const address of addresses)
        expect(address, `${status.name} listens on ${address}`).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1|::1):\d+$/);
    }
  });

  it('keeps the S3 secret out of every log and generated file', () => {
    const secret = config.s3.secretAccessKey ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(8);
    const files = logFiles(config.services.runDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of [...files, ...logFiles(config.services.cacheDir)]) {
      if (statSync(file).size > 200_000_000) continue;
      expect(readFileSync(file, 'utf8').includes(secret), file).toBe(false);
    }
    for (const file of ['trino/etc/catalog/iceberg.properties', 'kafka/server.properties']) {
      if (!existsSync(join(config.services.runDir, file))) continue;
      expect(readFileSync(join(config.services.runDir, file), 'utf8')).not.toContain(secret);
    }
  });
});
