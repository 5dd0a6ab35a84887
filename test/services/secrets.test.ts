import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/resolve.ts';
import { ensureDevSecrets } from '../../sdk/services/secrets.ts';

const tempHome = () => join(mkdtempSync(join(tmpdir(), 'kol-secrets-')), '.kol');

describe('ensureDevSecrets', () => {
  it('writes random AWS-shaped keys to <home>/secrets.json, readable by the owner only', () => {
    const home = tempHome();
    const result = ensureDevSecrets(home);
    expect(result).toEqual({ path: join(home, 'secrets.json'), created: true });
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
    const keys = JSON.parse(readFileSync(result.path, 'utf8')) as { accessKeyId: string; secretAccessKey: string };
    expect(keys.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
    expect(keys.secretAccessKey).toMatch(/^[A-Za-z0-9]{40}$/);
    const other = JSON.parse(readFileSync(ensureDevSecrets(tempHome()).path, 'utf8')) as { secretAccessKey: string };
    expect(other.secretAccessKey).not.toBe(keys.secretAccessKey);
  });

  it('is read by resolveConfig, so the cluster profile resolves without keys in the environment', () => {
    const home = tempHome();
    const cwd = join(home, '..');
    expect(() => resolveConfig({ cwd, profile: 'cluster', env: {} })).toThrow(/no S3 access key/);
    ensureDevSecrets(home);
    const config = resolveConfig({ cwd, profile: 'cluster', env: {} });
    expect(config.s3.accessKeyId).toMatch(/^KOL/);
  });

  it('never overwrites existing credentials and writes none when the config already has keys', () => {
    const home = tempHome();
    const first = ensureDevSecrets(home);
    const before = readFileSync(first.path, 'utf8');
    expect(ensureDevSecrets(home).created).toBe(false);
    expect(readFileSync(first.path, 'utf8')).toBe(before);

    const configured = tempHome();
    expect(ensureDevSecrets(configured, { accessKeyId: 'a', secretAccessKey: 'b' }).created).toBe(false);
    expect(() => statSync(join(configured, 'secrets.json'))).toThrow();
  });

  it('leaves a hand-written file alone', () => {
    const home = tempHome();
    ensureDevSecrets(home);
    writeFileSync(join(home, 'secrets.json'), '{"accessKeyId":"mine","secretAccessKey":"mine-too"}');
    expect(ensureDevSecrets(home).created).toBe(false);
  });
});
