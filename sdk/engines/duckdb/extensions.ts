import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_ENGINE_VERSION } from '../../config/index.ts';
import { literal } from './sql.ts';

/** The extensions the lake needs, in load order: iceberg reads its manifests through avro. */
export const LAKE_EXTENSIONS = ['avro', 'httpfs', 'iceberg'] as const;
export type LakeExtension = (typeof LAKE_EXTENSIONS)[number];

/** The Python package that carries each extension built for exactly this engine version. */
const wheelPackage = (ext: LakeExtension): string => `duckdb-extension-${ext}==${DUCKDB_ENGINE_VERSION.slice(1)}`;

export interface ExtensionInfo {
  readonly name: string;
  readonly installed: boolean;
  readonly loaded: boolean;
  readonly version: string | null;
  readonly installMode: string | null;
}

export interface EnsureOptions {
  /** How long DuckDB's own `INSTALL <name>` may try its repository before the wheels are used. */
  readonly repositoryTimeoutMs?: number;
  /** Progress lines (never values of secrets). */
  readonly log?: (line: string) => void;
  /** Reinstall even what is installed (repairs extensions built for another engine version). */
  readonly force?: boolean;
}

/**
 * The state of the lake extensions as DuckDB reports it (`duckdb_extensions()`).
 *
 * @example
 * const versions = await extensionVersions(connection); // [{ name: 'iceberg', installed: true, ... }]
 */
export async function extensionVersions(connection: DuckDBConnection): Promise<ExtensionInfo[]> {
  // The names are this module's constants, not input: a literal list is safe here.
  const names = LAKE_EXTENSIONS.map((e) => `'${e}'`).join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT extension_name, installed, loaded, extension_version, install_mode FROM duckdb_extensions() WHERE extension_name IN (${names}) ORDER BY extension_name`,
  );
  return reader.getRowObjectsJS().map((r) => ({
    name: String(r.extension_name),
    installed: r.installed === true,
    loaded: r.loaded === true,
    version: r.extension_version === null || r.extension_version === undefined ? null : String(r.extension_version),
    installMode: r.install_mode === null || r.install_mode === undefined ? null : String(r.install_mode),
  }));
}

/**
 * Installs (once per extension directory) and loads avro, httpfs and iceberg. DuckDB's own repository is
 * tried first, briefly; where it cannot be reached, the extensions come from the Python wheels published
 * for this exact engine version, fetched with pip into `<extensionDirectory>/wheels`. Idempotent.
 *
 * @example
 * await ensureLakeExtensions(connection, config.duckdb.extensionDirectory);
 */
export async function ensureLakeExtensions(
  connection: DuckDBConnection,
  extensionDirectory: string,
  options: EnsureOptions = {},
): Promise<void> {
  const log = options.log ?? (() => {});
  mkdirSync(extensionDirectory, { recursive: true });
  await connection.run(`SET extension_directory = ${literal(extensionDirectory)}`);
  const missing = (await extensionVersions(connection)).filter((e) => options.force || !e.installed).map((e) => e.name as LakeExtension);
  for (const ext of missing) {
    if (await installFromRepository(connection, ext, options.repositoryTimeoutMs ?? 3_000, options.force === true)) {
      log(`installed ${ext} from DuckDB's repository`);
      continue;
    }
    const file = extensionFileFromWheel(extensionDirectory, ext, log);
    await connection.run(`${options.force ? 'FORCE ' : ''}INSTALL ${literal(file)}`);
    log(`installed ${ext} from ${file}`);
  }
  for (const ext of LAKE_EXTENSIONS) await connection.run(`LOAD ${ext}`);
}

async function installFromRepository(
  connection: DuckDBConnection,
  ext: LakeExtension,
  timeoutMs: number,
  force: boolean,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      connection.interrupt();
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([connection.run(`${force ? 'FORCE ' : ''}INSTALL ${ext}`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Finds `<ext>.duckdb_extension` under the unpacked wheels, fetching and unpacking the wheel if needed. */
export function extensionFileFromWheel(extensionDirectory: string, ext: LakeExtension, log: (line: string) => void = () => {}): string {
  const wheels = join(extensionDirectory, 'wheels');
  const unpacked = join(wheels, 'unpacked');
  const found = findFile(unpacked, `${ext}.duckdb_extension`);
  if (found) return found;
  mkdirSync(unpacked, { recursive: true });
  let wheel = readdirSync(wheels).find((f) => f.startsWith(`duckdb_extension_${ext}-`) && f.endsWith('.whl'));
  if (!wheel) {
    log(`fetching ${wheelPackage(ext)} with pip`);
    const r = spawnSync(
      'python3',
      ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', wheelPackage(ext), '-d', wheels],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (r.error || r.status !== 0) {
      throw new Error(
        `cannot fetch the DuckDB ${ext} extension: pip download ${wheelPackage(ext)} failed (${r.error?.message ?? r.stderr.trim().split('\n').at(-1)}). Install Python 3 with pip, or copy ${ext}.duckdb_extension into ${unpacked}`,
      );
    }
    wheel = readdirSync(wheels).find((f) => f.startsWith(`duckdb_extension_${ext}-`) && f.endsWith('.whl'));
    if (!wheel) throw new Error(`pip reported success but no wheel for ${ext} is in ${wheels}`);
  }
  // A wheel is a zip file; Python's zipfile module unpacks it wherever pip ran.
  const r = spawnSync('python3', ['-m', 'zipfile', '-e', join(wheels, wheel), join(unpacked, ext)], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`cannot unpack ${wheel}: ${r.error?.message ?? r.stderr}`);
  const file = findFile(unpacked, `${ext}.duckdb_extension`);
  if (!file) throw new Error(`${wheel} holds no ${ext}.duckdb_extension`);
  return file;
}

function findFile(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(path, name);
      if (found) return found;
    } else if (entry.name === name) {
      return path;
    }
  }
  return undefined;
}
