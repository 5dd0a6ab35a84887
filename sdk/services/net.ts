import { connect } from 'node:net';

/** The only address the development servers listen on. */
export const LOOPBACK = '127.0.0.1';

/**
 * How long one readiness or status probe may take. Generous: on a busy 2-core machine a JVM in a GC
 * pause easily takes 2 s to answer, and a false "unhealthy" makes `up` restart a healthy server.
 */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * True when something accepts TCP connections on `host:port`; says nothing about what it is.
 *
 * @example
 * if (await portOpen(9092)) console.log('9092 is taken');
 */
export function portOpen(port: number, host = LOOPBACK, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * GET `url` with a timeout; true on a 2xx answer.
 *
 * @example
 * await httpOk('http://127.0.0.1:5000/health'); // true
 */
export async function httpOk(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Sends one raw line over TCP and resolves with what comes back first (for line protocols such as
 * Redis's `PING`). Resolves '' on timeout or error.
 *
 * @example
 * await tcpExchange(6379, 'PING\r\n'); // '+PONG\r\n'
 */
export function tcpExchange(port: number, line: string, timeoutMs = PROBE_TIMEOUT_MS, host = LOOPBACK): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, done);
    socket.once('connect', () => socket.write(line));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\n')) done();
    });
    socket.once('error', done);
  });
}
