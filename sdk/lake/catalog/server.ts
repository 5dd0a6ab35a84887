import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route, RouteResult } from './context.ts';
import { CatalogError } from './errors.ts';
import { parseJson, stringifyJson } from './json.ts';
import { fileUri } from './metadata.ts';
import { configRoutes } from './routes/config.ts';
import { namespaceRoutes } from './routes/namespaces.ts';
import { tableRoutes } from './routes/tables.ts';
import { viewRoutes } from './routes/views.ts';
import { CatalogStore } from './store.ts';

export interface CatalogServerOptions {
  /** `file:///…` URI or absolute path of the folder new tables and views are placed under. */
  readonly warehouse: string;
  /** SQLite file holding namespaces and metadata pointers; processes sharing it share the catalog. */
  readonly stateFile: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** Only the loopback interface: the catalog has no authentication. */
  readonly host?: '127.0.0.1';
  /** Serve without keeping the process alive: for a catalog served on the side of a command's real work. */
  readonly unref?: boolean;
}

export interface CatalogServer {
  /** `http://127.0.0.1:<port>`, what clients take as the catalog URI. */
  readonly uri: string;
  readonly port: number;
  /** The warehouse root as the `file:///` URI tables are placed under. */
  readonly warehouse: string;
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [...configRoutes, ...namespaceRoutes, ...tableRoutes, ...viewRoutes];

/** The warehouse as an unescaped `file:///` root, created if missing. */
export function warehouseRoot(warehouse: string): string {
  let path: string;
  if (warehouse.startsWith('file:')) path = fileURLToPath(new URL(warehouse.replace(/^file:(?!\/\/)/, 'file://')));
  else if (isAbsolute(warehouse)) path = warehouse;
  else if (!warehouse.includes('://')) path = resolve(warehouse);
  else throw new Error(`the embedded catalog serves a local warehouse only (file://), not ${warehouse}`);
  mkdirSync(path, { recursive: true });
  return fileUri(path.replace(/\/+$/, ''));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return parseJson(text);
  } catch {
    throw new CatalogError('BadRequestException', 'Malformed request body: not JSON');
  }
}

function dispatch(method: string, path: string): { route: Route; params: string[] } | 'method' | undefined {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: m.slice(1) };
  }
  return pathMatched ? 'method' : undefined;
}

function send(res: ServerResponse, method: string, result: RouteResult): void {
  if (result.body === undefined || method === 'HEAD' || result.status === 204) {
    res.writeHead(result.status).end();
    return;
  }
  const text = stringifyJson(result.body);
  res.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * Serves an Iceberg REST catalog over a local warehouse, in this process: no Java, no server to install.
 * Several processes may serve the same `stateFile` at once; their commits are serialized by SQLite.
 *
 * @example
 * const catalog = await startCatalogServer({ warehouse: 'file:///tmp/wh', stateFile: '/tmp/wh/catalog.db' });
 * // ATTACH 'file:///tmp/wh' AS lake (TYPE iceberg, ENDPOINT '<catalog.uri>', AUTHORIZATION_TYPE 'none')
 * await catalog.close();
 */
export async function startCatalogServer(options: CatalogServerOptions): Promise<CatalogServer> {
  const warehouse = warehouseRoot(options.warehouse);
  const store = new CatalogStore(options.stateFile);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://catalog');
    const method = (req.method ?? 'GET').toUpperCase();
    readBody(req)
      .then((body) => {
        const found = dispatch(method, url.pathname.replace(/\/+$/, '') || '/');
        if (found === undefined) throw new CatalogError('NotFoundException', `No route for ${method} ${url.pathname}`);
        if (found === 'method') throw new CatalogError('MethodNotAllowedException', `Method ${method} not allowed for ${url.pathname}`);
        return found.route.handle({ store, warehouse, params: found.params, query: url.searchParams, body });
      })
      .then((result) => send(res, method, result))
      .catch((error: unknown) => {
        const e =
          error instanceof CatalogError
            ? error
            : new CatalogError('ServerErrorException', error instanceof Error ? error.message : String(error));
        send(res, method, { status: e.code, body: e.toJSON() });
      });
  });
  server.keepAliveTimeout = 5_000;
  if (options.unref) {
    server.unref();
    // Engines keep idle connections open; those must not hold the process either.
    server.on('connection', (socket) => socket.unref());
  }
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    uri: `http://127.0.0.1:${port}`,
    port,
    warehouse,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
