import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/resolve.ts';
import { servicesDown, servicesStatus, servicesUp } from '../../sdk/services/manager.ts';
import { SERVICES } from '../../sdk/services/registry.ts';
import { SERVICE_NAMES, type ServiceDefinition, type ServiceName } from '../../sdk/services/types.ts';

const cwd = mkdtempSync(join(tmpdir(), 'kol-manager-'));
const config = resolveConfig({
  cwd,
  profile: 'cluster',
  env: { AWS_ACCESS_KEY_ID: 'test-access', AWS_SECRET_ACCESS_KEY: 'test-secret', KOL_CACHE_DIR: join(cwd, 'cache') },
});

/** A port nothing listens on: bound once by the OS, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Fake extends ServiceDefinition {
  running: boolean;
  calls: string[];
}

async function fakes(overrides: Partial<Record<ServiceName, Partial<Fake>>> = {}): Promise<Record<ServiceName, Fake>> {
  const out = {} as Record<ServiceName, Fake>;
  const events: string[] = [];
  for (const name of SERVICE_NAMES) {
    const port = await freePort();
    const fake: Fake = {
      name,
      description: `stand-in for ${name}`,
      version: 'test',
      port,
      dependsOn: SERVICES[name].dependsOn,
      running: false,
      calls: events,
      async install() {
        events.push(`install ${name}`);
      },
      async start() {
        events.push(`start ${name}`);
        fake.running = true;
      },
      async ready() {
        return fake.running;
      },
      async stop() {
        events.push(`stop ${name}`);
        fake.running = false;
      },
      ...overrides[name],
    };
    out[name] = fake;
  }
  return out;
}

describe('servicesUp / servicesDown / servicesStatus', () => {
  let squatter: Server;
  let squatterPort: number;

  beforeAll(async () => {
    squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    squatterPort = (squatter.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => squatter.close(resolve));
  });

  it('starts each service after its dependencies and provisions it', async () => {
    const provisioned: string[] = [];
    const definitions = await fakes({
      minio: {
        async provision() {
          provisioned.push('buckets');
        },
      },
    });
    const results = await servicesUp(['trino'], { config, definitions, log: () => {} });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['minio', 'started'],
      ['iceberg-rest', 'started'],
      ['trino', 'started'],
    ]);
    const starts = definitions.trino.calls.filter((c) => c.startsWith('start'));
    expect(starts).toEqual(['start minio', 'start iceberg-rest', 'start trino']);
    expect(provisioned).toEqual(['buckets']);
  });

  it('leaves an answering server alone, and still provisions it', async () => {
    let provisions = 0;
    const definitions = await fakes({
      redis: {
        running: true,
        async provision() {
          provisions++;
        },
      },
    });
    const [redis] = await servicesUp(['redis'], { config, definitions, log: () => {} });
    expect(redis).toMatchObject({ name: 'redis', outcome: 'running' });
    expect(definitions.redis.calls).toEqual([]);
    expect(provisions).toBe(1);
  });

  it('reports a port held by something else as foreign, and skips what depends on it', async () => {
    const definitions = await fakes({ minio: { port: squatterPort } });
    const lines: string[] = [];
    const results = await servicesUp(['iceberg-rest'], { config, definitions, log: (l) => lines.push(l) });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['minio', 'foreign'],
      ['iceberg-rest', 'skipped'],
    ]);
    expect(results[0]?.detail).toContain(`port ${squatterPort} is held by another process that does not answer as minio`);
    expect(results[1]?.detail).toBe('not started: it needs minio (foreign)');
    expect(definitions.minio.calls).not.toContain('start minio');
    const [status] = await servicesStatus(['minio'], { config, definitions });
    expect(status?.state).toBe('foreign');
  });

  it('turns a failed start into a result with the error, never a throw', async () => {
    const definitions = await fakes({
      kafka: {
        async start() {
          throw new Error('kafka was not ready after 90 s; last lines of kafka.log:\nAddress already in use');
        },
      },
    });
    const [kafka] = await servicesUp(['kafka'], { config, definitions, log: () => {} });
    expect(kafka).toMatchObject({ outcome: 'failed', detail: 'kafka was not ready after 90 s; last lines of kafka.log:' });
    expect(kafka?.error?.message).toContain('Address already in use');
  });

  it('stops only what this project started: a server without our pid file is reported external', async () => {
    const definitions = await fakes({ redis: { running: true } });
    const results = await servicesDown(['redis', 'postgres'], { config, definitions, log: () => {} });
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['postgres', 'not-running'],
      ['redis', 'external'],
    ]);
    expect(definitions.redis.calls).not.toContain('stop redis');
  });
});
