import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'sdk', 'cli', 'bin.mjs');

/** Runs the real CLI in a fresh project folder with a controlled environment. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'kol-cli-'));
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd };
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env } });
    return { code: 0, stdout, stderr, cwd };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, cwd };
  }
}

describe('kol-sdk CLI', () => {
  it('prints help listing only the commands that work, with exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['version', 'config', 'doctor']) expect(r.stdout).toContain(name);
    expect(r.stdout).not.toMatch(/^\s+promote\b/m);
  });

  it('exits 2 on a usage error and names the problem', async () => {
    const r = await cli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'no-such-command'");
  });

  it('exits 2 on a bad config, listing every problem', async () => {
    const r = await cli(['config', 'show', '--profile', 'clustr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config.unknown_profile');
  });

  it('prints the version as JSON', async () => {
    const r = await cli(['version', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ 'kol-sdk': expect.stringMatching(/^\d+\.\d+\.\d+/), duckdb: 'v1.5.5' });
  });

  it('shows the resolved config with secrets redacted', async () => {
    const r = await cli(['config', 'show', '--json', '--profile', 'cluster'], {
      AWS_ACCESS_KEY_ID: 'id-visible',
      AWS_SECRET_ACCESS_KEY: 'never-print-me',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('never-print-me');
    const shown = JSON.parse(r.stdout) as { profile: string; s3: { accessKeyId: string; secretAccessKey: string } };
    expect(shown.profile).toBe('cluster');
    expect(shown.s3).toMatchObject({ accessKeyId: 'id-visible', secretAccessKey: '***' });
  });

  it('doctor --json reports each cluster back end that is down with its fix, and exits 1', async () => {
    // Ports chosen from a range nothing listens on, so every check fails fast and deterministically.
    const r = await cli(['doctor', '--json', '--profile', 'cluster', '--timeout', '5000'], {
      KAFKA_BROKERS: '127.0.0.1:1',
      MLFLOW_TRACKING_URI: 'http://127.0.0.1:2',
      TRINO_SERVER: 'http://127.0.0.1:3',
      ICEBERG_REST_URI: 'http://127.0.0.1:4',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5',
      REDIS_URL: 'redis://127.0.0.1:6',
      DATABASE_URL: 'postgres://kol@127.0.0.1:7/kol_metadata',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { profile: string; checks: { name: string; ok: boolean; detail: string; fix: string | null }[] };
    expect(report.profile).toBe('cluster');
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    for (const name of ['kafka', 'mlflow', 's3', 'iceberg-rest', 'trino', 'redis', 'postgres']) {
      expect(byName[name]?.ok, name).toBe(false);
      expect(byName[name]?.fix, name).toContain('kol-sdk services up');
    }
    expect(byName.duckdb).toMatchObject({ ok: true, fix: null });
    expect(r.stdout).not.toContain('"y"');
  });

  it('doctor in the project folder finds the committed xs sample', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const { stdout } = await run(process.execPath, [bin, 'doctor', '--json'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root },
    }).catch((e: { stdout: string }) => e);
    const events = (JSON.parse(stdout) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find(
      (c) => c.name === 'events',
    );
    expect(events?.ok).toBe(true);
    expect(events?.detail).toMatch(/\d+ event files, \d+ rows/);
  });

  it('doctor on the embedded default needs no server', async () => {
    const r = await cli(['doctor', '--json']);
    const report = JSON.parse(r.stdout) as { profile: string; checks: { name: string; ok: boolean; fix: string | null }[] };
    expect(report.profile).toBe('local');
    expect(report.checks.map((c) => c.name)).toEqual(['node', 'duckdb', 'extensions', 'warehouse', 'tracking', 'events']);
    // a fresh folder has no generated events; the project's own data-samples/xs is checked below
    expect(report.checks.filter((c) => c.name !== 'extensions' && c.name !== 'events').every((c) => c.ok)).toBe(true);
    // the extensions are installed by `kol-sdk catalog setup` (the README's main job runs it first)
    const extensions = report.checks.find((c) => c.name === 'extensions') as { ok: boolean; fix: string | null };
    expect(extensions.ok || extensions.fix?.includes('kol-sdk catalog setup')).toBe(true);
  });
});
