import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { config, describeService, unique } from './int-support.ts';

describeService('redis', 'redis (node-redis)', () => {
  const client = createClient({ url: config.redis.url });
  const key = `kol:smoke:${unique('k')}`;

  beforeAll(async () => {
    await client.connect();
  });

  afterAll(async () => {
    await client.del(key);
    client.destroy();
  });

  it('answers PING and keeps a value with its expiry', async () => {
    expect(await client.ping()).toBe('PONG');
    await client.set(key, 'score:0.87', { expiration: { type: 'EX', value: 60 } });
    expect(await client.get(key)).toBe('score:0.87');
    expect(await client.ttl(key)).toBeGreaterThan(0);
  });
});
