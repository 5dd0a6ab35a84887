import type { Command } from 'commander';
import { ensureLakeExtensions, extensionVersions } from '../../engines/index.ts';
import {
  EMBEDDED_CATALOG_PORT,
  embeddedCatalogStateFile,
  probeCatalogPort,
  startEmbeddedCatalog,
  warehouseRoot,
} from '../../lake/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

/** Why the port is taken, and what to do: reuse a catalog already serving this warehouse, or pick another port. */
async function portTaken(port: number, warehouse: string): Promise<string> {
  const who = await probeCatalogPort(port, warehouse);
  const other = `serve on another port with --port N (--port 0: a free one; Trino's 'lake' catalog expects ${EMBEDDED_CATALOG_PORT})`;
  if (who.kind === 'this-warehouse') {
    return `port ${port} is taken: another kol-sdk catalog serve already serves this warehouse (${warehouse}) there — Trino and pyiceberg can use it as it is; or ${other}`;
  }
  const detail = who.kind === 'free' ? 'by a process that is gone now' : `(${who.message})`;
  return `port ${port} is taken ${detail} — stop that server (a kol-sdk catalog serve of another project?), or ${other}`;
}

export function registerCatalog(program: Command): void {
  const catalog = program
    .command('catalog')
    .description("the local profile's embedded Iceberg REST catalog, and the DuckDB extensions that use it");

  catalog
    .command('serve')
    .description('serve the embedded Iceberg REST catalog on 127.0.0.1 over the local warehouse until interrupted')
    .option(
      '--port <n>',
      `port to listen on (default ${EMBEDDED_CATALOG_PORT}, where the development Trino's 'lake' catalog looks; 0: a free one)`,
    )
    .option('--json', 'machine-readable output: {"uri", "port", "warehouse", "stateFile"}')
    .action(async (opts: { port?: string }, command: Command) => {
      const ctx = commandContext(command);
      const config = ctx.config();
      if (!config.lake.warehouse.startsWith('file:')) {
        throw new CliError(
          `the embedded catalog serves a local (file://) warehouse; this profile's is ${config.lake.warehouse}`,
          EXIT.usage,
        );
      }
      const port = opts.port === undefined ? EMBEDDED_CATALOG_PORT : Number(opts.port);
      if (!(Number.isInteger(port) && port >= 0 && port < 65536)) {
        throw new CliError(`--port must be a port number, not '${opts.port}'`, EXIT.usage);
      }
      const server = await startEmbeddedCatalog(config, port).catch(async (error: unknown) => {
        if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
        throw new CliError(await portTaken(port, warehouseRoot(config.lake.warehouse)), EXIT.failure);
      });
      const info = { uri: server.uri, port: server.port, warehouse: server.warehouse, stateFile: embeddedCatalogStateFile(config) };
      ctx.out.result(info, () => {
        ctx.out.line(`Iceberg REST catalog on ${info.uri}`);
        ctx.out.line(`warehouse ${info.warehouse}`);
        ctx.out.line(`state     ${info.stateFile}`);
      });
      ctx.out.note('serving until interrupted (Ctrl-C)');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });

  catalog
    .command('setup')
    .description('install the DuckDB extensions the lake needs (avro, httpfs, iceberg) into the cache, once')
    .option('--force', 'reinstall even what is installed')
    .option('--json', 'machine-readable output: [{"name", "installed", "loaded", "version"}]')
    .action(async (opts: { force?: boolean }, command: Command) => {
      const ctx = commandContext(command);
      const config = ctx.config({ allowMissingSecrets: true });
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      try {
        await ensureLakeExtensions(connection, config.duckdb.extensionDirectory, {
          force: opts.force === true,
          log: (line) => ctx.out.note(line),
        });
        const versions = await extensionVersions(connection);
        ctx.out.result(versions, () => {
          for (const e of versions) ctx.out.line(`${e.name.padEnd(8)} ${e.version ?? '?'}  ${e.loaded ? 'loaded' : 'not loaded'}`);
          ctx.out.line(`in ${config.duckdb.extensionDirectory}`);
        });
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    });
}
