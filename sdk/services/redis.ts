import { ensureDebianPackage } from './apt.ts';
import { serverEnv, servicePaths } from './context.ts';
import { LOOPBACK, tcpExchange } from './net.ts';
import { halt, launch } from './server.ts';
import type { ServiceContext, ServiceDefinition } from './types.ts';

const BIN = '/usr/bin/redis-server';
const PORT = 6379;

/** The arguments Redis runs with: loopback only, no persistence (it is the online store's cache). */
export function redisArgs(runDir: string, port = PORT): string[] {
  return ['--bind', LOOPBACK, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', runDir, '--protected-mode', 'yes'];
}

/** Redis 7 (Debian `redis-server`), in the foreground as our own child so that its pid is ours. */
export const redis: ServiceDefinition = {
  name: 'redis',
  description: 'Redis, the online feature store and score cache',
  version: '7.0 (Debian redis-server)',
  port: PORT,
  dependsOn: [],
  async install(ctx: ServiceContext) {
    if (await ensureDebianPackage('redis-server', BIN, servicePaths(ctx, 'redis').installLog))
      ctx.log('installed redis-server with apt-get');
  },
  async start(ctx) {
    await launch(ctx, 'redis', { command: BIN, args: redisArgs(ctx.runDir), env: serverEnv() }, () => redis.ready(ctx), {
      timeoutMs: 30_000,
    });
  },
  async ready() {
    return (await tcpExchange(PORT, 'PING\r\n')).startsWith('+PONG');
  },
  async stop(ctx) {
    await halt(ctx, 'redis');
  },
};
