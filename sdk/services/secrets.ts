import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SECRETS_FILE } from '../config/resolve.ts';

export interface DevSecretsResult {
  readonly path: string;
  /** True when this call wrote new credentials. */
  readonly created: boolean;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/**
 * Makes sure the development S3 server has credentials without any living in code: when neither the
 * environment nor the config supplies both keys and `<home>/secrets.json` does not exist, writes random
 * ones there (mode 0600; `resolveConfig` reads that file). Never logs the values.
 *
 * @example
 * const config = resolveConfig({ profile: 'cluster', allowMissingSecrets: true });
 * ensureDevSecrets(config.home, config.s3); // { path: '/proj/.kol/secrets.json', created: true }
 */
export function ensureDevSecrets(
  home: string,
  configured?: { accessKeyId?: string | undefined; secretAccessKey?: string | undefined },
): DevSecretsResult {
  const path = join(home, DEV_SECRETS_FILE);
  if (existsSync(path) || (configured?.accessKeyId && configured.secretAccessKey)) return { path, created: false };
  mkdirSync(home, { recursive: true });
  // AWS-shaped: 20-character key id, 40-character secret (MinIO wants at least 3 and 8).
  const secrets = { accessKeyId: `KOL${randomString(UPPER, 17)}`, secretAccessKey: randomString(MIXED, 40) };
  // 'wx' refuses to overwrite a file a concurrent `services up` has just written.
  try {
    writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { path, created: false };
    throw error;
  }
  chmodSync(path, 0o600);
  return { path, created: true };
}
