import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactConfig, redactUrl } from '../../sdk/config/redact.ts';
import { resolveConfig } from '../../sdk/config/resolve.ts';

describe('redactConfig', () => {
  it('hides every secret and every password inside a URL', () => {
    const config = resolveConfig({
      cwd: mkdtempSync(join(tmpdir(), 'kol-redact-')),
      profile: 'cluster',
      env: {
        AWS_ACCESS_KEY_ID: 'visible-id',
        AWS_SECRET_ACCESS_KEY: 'hidden-secret-1',
        MLFLOW_TRACKING_TOKEN: 'hidden-token-2',
        TRINO_PASSWORD: 'hidden-pw-3',
        ICEBERG_REST_TOKEN: 'hidden-token-4',
        DATABASE_URL: 'postgres://kol:hidden-pw-5@127.0.0.1:5432/kol_metadata',
        REDIS_URL: 'redis://:hidden-pw-6@127.0.0.1:6379',
      },
    });
    const text = JSON.stringify(redactConfig(config));
    for (let i = 1; i <= 6; i++) expect(text).not.toMatch(new RegExp(`hidden-[a-z]+-${i}`));
    expect(text).toContain('visible-id');
    expect(text).toContain(`postgres://kol:${REDACTED}@127.0.0.1:5432/kol_metadata`);
    // the resolved config itself is untouched
    expect(config.s3.secretAccessKey).toBe('hidden-secret-1');
  });

  it('leaves URLs without a password as they are', () => {
    expect(redactUrl('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});
