import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'sdk', 'cli', 'bin.mjs');

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root, env: process.env, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The integration global setup has brought every development server up from this project folder.
describe('the CLI against the running services', () => {
  it('services status --json shows all seven running, with their memory', async () => {
    const r = await cli(['services', 'status', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { services: { name: string; state: string; rssBytes?: number }[]; totalRssBytes: number };
    expect(report.services.map((s) => [s.name, s.state])).toEqual(
      ['postgres', 'redis', 'minio', 'iceberg-rest', 'kafka', 'mlflow', 'trino'].map((n) => [n, 'running']),
    );
    expect(report.totalRssBytes).toBeGreaterThan(100 * 2 ** 20);
  });

  it('doctor --json --profile cluster: every check ok, no fix needed', async () => {
    const r = await cli(['doctor', '--json', '--profile', 'cluster']);
    const report = JSON.parse(r.stdout) as { profile: string; checks: { name: string; ok: boolean; detail: string; fix: string | null }[] };
    expect(report.profile).toBe('cluster');
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['kafka', 'mlflow', 's3', 'iceberg-rest', 'trino', 'redis', 'postgres']),
    );
    expect(r.code).toBe(0);
  });

  it('services up of a running service is a no-op that reports it running', async () => {
    const r = await cli(['services', 'up', 'redis', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { services: { name: string; outcome: string }[] };
    expect(out.services).toEqual([expect.objectContaining({ name: 'redis', outcome: 'running' })]);
  });
});
