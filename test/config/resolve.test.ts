import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/resolve.ts';
import { IssuesError } from '../../sdk/errors/issues.ts';

function project(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'kol-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'kol.config.json'), JSON.stringify(config));
  return dir;
}

const keys = { AWS_ACCESS_KEY_ID: 'test-access', AWS_SECRET_ACCESS_KEY: 'test-secret' };

function issuesOf(fn: () => unknown): IssuesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IssuesError) return error;
    throw error;
  }
  throw new Error('expected an IssuesError');
}

describe('resolveConfig', () => {
  it('defaults to the embedded local profile that needs no server', () => {
    const cwd = project();
    const c = resolveConfig({ cwd, env: {} });
    expect(c.profile).toBe('local');
    expect(c.home).toBe(join(cwd, '.kol'));
    expect(c.lake.catalogUri).toBe('embedded');
    expect(c.lake.warehouse).toBe(`file://${join(cwd, '.kol', 'warehouse')}`);
    expect(c.mlflow.trackingUri).toBe(`file://${join(cwd, '.kol', 'mlruns')}`);
    expect(c.events.source).toBe('files');
    expect(c.lake.namespaces).toEqual({ bronze: 'kol_bronze', silver: 'kol_silver', gold: 'kol_gold' });
    expect(c.lake.buckets).toEqual({ bronze: 'kol-bronze', silver: 'kol-silver', gold: 'kol-gold' });
    expect(Object.isFrozen(c.lake)).toBe(true);
  });

  it('gives the cluster profile loopback servers and domain-separated names', () => {
    const c = resolveConfig({ cwd: project(), env: keys, profile: 'cluster' });
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.trino.server).toBe('http://127.0.0.1:8080');
    expect(c.mlflow.trackingUri).toBe('http://127.0.0.1:5000');
    expect(c.lake.catalogUri).toBe('http://127.0.0.1:8181');
    expect(c.s3.endpoint).toBe('http://127.0.0.1:9000');
    expect(c.postgres.url).toBe('postgres://kol@127.0.0.1:5432/kol_metadata');
    expect(c.mlflow.experimentPrefix).toBe('KOL_');
  });

  it('lets the environment override the file, and --profile override KOL_PROFILE', () => {
    const cwd = project({
      profile: 'cluster',
      kafka: { brokers: ['file-broker:1'] },
      profiles: { cluster: { redis: { url: 'redis://file:1' } } },
    });
    const c = resolveConfig({
      cwd,
      env: { ...keys, KAFKA_BROKERS: 'a:1, b:2', REDIS_URL: 'redis://env:6379', KOL_PROFILE: 'local' },
      profile: 'cluster',
    });
    expect(c.profile).toBe('cluster');
    expect(c.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(c.redis.url).toBe('redis://env:6379');
    expect(c.sources).toContain('environment');
  });

  it('applies profile sections of the file over its shared sections', () => {
    const cwd = project({ trino: { user: 'shared' }, profiles: { cluster: { trino: { user: 'analyst' } } } });
    expect(resolveConfig({ cwd, env: keys, profile: 'cluster' }).trino.user).toBe('analyst');
    expect(resolveConfig({ cwd, env: {}, profile: 'local' }).trino.user).toBe('shared');
  });

  it('reads the KOL_PROFILE variable and the file profile in that order', () => {
    const cwd = project({ profile: 'cluster' });
    expect(resolveConfig({ cwd, env: keys }).profile).toBe('cluster');
    expect(resolveConfig({ cwd, env: { ...keys, KOL_PROFILE: 'local' } }).profile).toBe('local');
  });

  it('takes development credentials from .kol/secrets.json below the environment', () => {
    const cwd = project();
    mkdirSync(join(cwd, '.kol'));
    writeFileSync(join(cwd, '.kol', 'secrets.json'), JSON.stringify({ accessKeyId: 'dev-id', secretAccessKey: 'dev-secret' }));
    const c = resolveConfig({ cwd, env: {}, profile: 'cluster' });
    expect(c.s3.accessKeyId).toBe('dev-id');
    expect(resolveConfig({ cwd, env: keys, profile: 'cluster' }).s3.accessKeyId).toBe('test-access');
  });

  it('collects every problem of a bad config into one error, each with a code, a path and the fix', () => {
    const cwd = project({
      profle: 'cluster',
      kafka: { brokers: ['nohostport'] },
      trino: { server: 'localhost:8080' },
      lake: { namespaces: { gold: 'gold' } },
      mlflow: { experimentPrefix: 'SME_' },
    });
    const error = issuesOf(() => resolveConfig({ cwd, env: { REDIS_URL: 'http://wrong' } }));
    const codes = error.issues.map((i) => `${i.code}@${i.path}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'config.unknown_key@profle',
        'config.bad_broker@kafka.brokers.0',
        'config.bad_url@trino.server',
        'config.bad_url@redis.url',
        'config.domain_separation@lake.namespaces.gold',
        'config.domain_separation@mlflow.experimentPrefix',
      ]),
    );
    expect(error.message).toContain("did you mean 'profile'?");
    expect(error.message).toContain('TRINO_SERVER');
    expect(error.issues.length).toBeGreaterThanOrEqual(6);
  });

  it('names the fix for an unknown profile and a bad JSON file', () => {
    const bad = issuesOf(() => resolveConfig({ cwd: project(), env: {}, profile: 'clustr' }));
    expect(bad.issues[0]?.code).toBe('config.unknown_profile');
    expect(bad.message).toContain("did you mean 'cluster'?");
    const cwd = project();
    writeFileSync(join(cwd, 'kol.config.json'), '{ not json');
    expect(issuesOf(() => resolveConfig({ cwd, env: {} })).issues[0]?.code).toBe('config.not_json');
  });

  it('requires S3 keys on the cluster profile unless told they will be created', () => {
    const error = issuesOf(() => resolveConfig({ cwd: project(), env: {}, profile: 'cluster' }));
    expect(error.issues.map((i) => i.path)).toEqual(['s3.accessKeyId', 's3.secretAccessKey']);
    expect(error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(resolveConfig({ cwd: project(), env: {}, profile: 'cluster', allowMissingSecrets: true }).s3.accessKeyId).toBeUndefined();
  });

  it('turns ICEBERG_REST_TOKEN into bearer auth and keeps oauth2 from the file whole', () => {
    const c = resolveConfig({ cwd: project(), env: { ...keys, ICEBERG_REST_TOKEN: 'tok' }, profile: 'cluster' });
    expect(c.lake.catalogAuth).toEqual({ type: 'bearer', token: 'tok' });
    const cwd = project({ lake: { catalogAuth: { type: 'oauth2', clientId: 'id', clientSecret: 's' } } });
    expect(resolveConfig({ cwd, env: keys, profile: 'cluster' }).lake.catalogAuth).toEqual({
      type: 'oauth2',
      clientId: 'id',
      clientSecret: 's',
    });
  });
});
