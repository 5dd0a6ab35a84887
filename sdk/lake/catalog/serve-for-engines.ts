import type { KolConfig } from '../../config/index.ts';
import { RemoteError } from '../../errors/index.ts';
import { startEmbeddedCatalog } from './embedded.ts';
import type { CatalogServer } from './server.ts';
import { warehouseRoot } from './server.ts';

/**
 * The port the embedded catalog is served on for other engines (`kol-sdk catalog serve`, and the SDK before a
 * Trino query on the local profile). Fixed, because Trino's catalogs are static files: the development Trino's
 * `lake` catalog points at `http://127.0.0.1:8182`.
 */
export const EMBEDDED_CATALOG_PORT = 8182;

/** Who answers on the port: our catalog over this warehouse, our catalog over another one, something else, or nobody. */
export type PortOccupant =
  | { readonly kind: 'this-warehouse' }
  | { readonly kind: 'other-warehouse'; readonly message: string }
  | { readonly kind: 'other'; readonly message: string }
  | { readonly kind: 'free' };

/**
 * Asks `GET /v1/config?warehouse=<root>` on 127.0.0.1:`port`: the embedded catalog answers 200 for its own
 * warehouse and 400 "Unknown warehouse" for another, so a caller never reads the wrong warehouse unnoticed.
 *
 * @example
 * const who = await probeCatalogPort(8182, 'file:///home/me/proj/.kol/warehouse');
 * if (who.kind === 'free') await startCatalogServer({ ... , port: 8182 });
 */
export async function probeCatalogPort(port: number, warehouse: string, timeoutMs = 2_000): Promise<PortOccupant> {
  const url = `http://127.0.0.1:${port}/v1/config?warehouse=${encodeURIComponent(warehouse)}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return { kind: 'free' };
    return { kind: 'other', message: `127.0.0.1:${port} did not answer GET /v1/config (${code ?? (error as Error).message})` };
  }
  const text = await response.text();
  if (response.ok) {
    try {
      const body = JSON.parse(text) as { endpoints?: unknown };
      if (Array.isArray(body.endpoints)) return { kind: 'this-warehouse' };
    } catch {
      // not JSON: not a catalog
    }
    return { kind: 'other', message: `127.0.0.1:${port} answered GET /v1/config with something that is not an Iceberg REST catalog` };
  }
  if (response.status === 400 && text.includes('Unknown warehouse')) {
    const served = /this catalog serves ([^)"]+)/.exec(text)?.[1];
    return {
      kind: 'other-warehouse',
      message: `the catalog on 127.0.0.1:${port} serves ${served ?? 'another warehouse'}, not ${warehouse}`,
    };
  }
  return { kind: 'other', message: `127.0.0.1:${port} answered GET /v1/config with HTTP ${response.status}` };
}

let served: Promise<CatalogServer | undefined> | undefined;
let servedFor: string | undefined;

/**
 * Makes sure the local profile's catalog answers on 127.0.0.1:8182, where the development Trino's `lake`
 * catalog looks for it. A `kol-sdk catalog serve` (or another process) already serving this warehouse there is
 * used as it is; when nothing answers, this process serves it until it exits, without keeping it alive (the
 * listening socket and its connections are unref'd). Does nothing on a profile with a remote catalog.
 * Resolves to the server this process started, if it started one.
 *
 * @example
 * await ensureServedCatalog(resolveConfig({ profile: 'local' }));
 * await sql('SELECT count(*) FROM {{gold.creator_daily_kpis}}', { engine: 'trino' }); // Trino reads lake.kol_gold.…
 */
export async function ensureServedCatalog(config: KolConfig, port: number = EMBEDDED_CATALOG_PORT): Promise<CatalogServer | undefined> {
  if (config.lake.catalogUri !== 'embedded') return undefined;
  const warehouse = warehouseRoot(config.lake.warehouse);
  const key = `${port} ${warehouse}`;
  if (served && servedFor === key) return served;
  const attempt = serveOnce(config, warehouse, port);
  served = attempt;
  servedFor = key;
  // Only a server of this process is remembered: another process's may stop, and the next query serves it then.
  attempt.then(
    (server) => {
      if (server === undefined && served === attempt) served = undefined;
    },
    () => {
      if (served === attempt) served = undefined;
    },
  );
  return attempt;
}

/**
 * Closes the catalog `ensureServedCatalog` started in this process, if any, so the port is free again.
 *
 * @example
 * await stopServedCatalog();
 */
export async function stopServedCatalog(): Promise<void> {
  const current = served;
  served = undefined;
  servedFor = undefined;
  const server = await current?.catch(() => undefined);
  await server?.close();
}

async function serveOnce(config: KolConfig, warehouse: string, port: number): Promise<CatalogServer | undefined> {
  for (let tries = 0; ; tries++) {
    const who = await probeCatalogPort(port, warehouse);
    if (who.kind === 'this-warehouse') return undefined;
    if (who.kind !== 'free') {
      throw new RemoteError(
        'iceberg-catalog',
        `${who.message}; Trino's 'lake' catalog would read it instead of this project's warehouse — stop that server (the other kol-sdk catalog serve), or run it from this project`,
        { retriable: false },
      );
    }
    try {
      return await startEmbeddedCatalog(config, port, { unref: true });
    } catch (error) {
      // Another process took the port between the probe and the listen: look again at who it is.
      if ((error as { code?: string }).code !== 'EADDRINUSE' || tries >= 2) {
        throw new RemoteError('iceberg-catalog', `cannot serve the embedded catalog on 127.0.0.1:${port}: ${(error as Error).message}`, {
          retriable: true,
          cause: error,
        });
      }
    }
  }
}
