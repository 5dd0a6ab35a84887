import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBLake } from '../engines/duckdb/open.ts';
import { LakeError } from './errors.ts';
import { reachable } from './maintenance.ts';
import { displayName, type TableName } from './names.ts';
import { loadTableMetadata } from './table-metadata.ts';

export interface OrphanOptions {
  /** Only files last modified before this instant are removed (default: 7 days ago, as Trino). */
  readonly olderThan?: Date;
}

export interface OrphanResult {
  readonly table: string;
  /** The threshold applied, ISO-8601. */
  readonly olderThan: string;
  /** Files found under the table's location. */
  readonly filesScanned: number;
  /** The files removed: under the table's location, referenced by nothing, older than the threshold. */
  readonly deleted: readonly string[];
  readonly deletedFiles: number;
}

/** Files younger than this may belong to a commit still being written: never orphans by default. */
export const ORPHAN_DEFAULT_AGE_MS = 7 * 24 * 3600 * 1000;

type Json = Record<string, unknown>;

const localPath = (p: string): string => (p.startsWith('file:') ? fileURLToPath(p) : p);

function walk(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/**
 * Removes orphan files of a table of the local lake: files under its location that neither the current
 * metadata, its metadata log, its statistics, nor any live snapshot (manifest lists, manifests, data and
 * delete files) references, and that are older than the threshold — left behind by a failed commit or a
 * crashed writer. Files written since the threshold are kept, as a commit may still be on its way.
 *
 * @example await removeOrphanFiles(lake, parseTableName('kol_silver.posts'), { olderThan: new Date(Date.now() - 86_400_000) });
 */
export async function removeOrphanFiles(lake: DuckDBLake, t: TableName, options: OrphanOptions = {}): Promise<OrphanResult> {
  const olderThan = options.olderThan ?? new Date(Date.now() - ORPHAN_DEFAULT_AGE_MS);
  const { location: metadataFile, metadata } = await loadTableMetadata(lake.runner, t);
  const root = String(metadata.location ?? '').replace(/\/$/, '');
  if (!lake.catalog || !(root.startsWith('file:') || root.startsWith('/'))) {
    throw new LakeError(
      'lake.maintenance_profile',
      `orphan removal of ${displayName(t)} through the SDK needs the embedded catalog and a local warehouse (its location is ${root})`,
      'on the cluster profile run kol-sdk lake remove-orphans --profile cluster (Trino’s remove_orphan_files)',
      { table: displayName(t) },
    );
  }
  const referenced = new Set<string>([metadataFile]);
  for (const entry of (metadata['metadata-log'] as Json[] | undefined) ?? []) referenced.add(String(entry['metadata-file']));
  for (const key of ['statistics', 'partition-statistics'])
    for (const s of (metadata[key] as Json[] | undefined) ?? []) referenced.add(String(s['statistics-path']));
  const lists = ((metadata.snapshots as Json[] | undefined) ?? []).map((s) => String(s['manifest-list']));
  for (const p of await reachable(lake, lists)) referenced.add(p);
  const keep = new Set([...referenced].map(localPath));
  const files = walk(localPath(root));
  const deleted: string[] = [];
  for (const f of files) {
    if (keep.has(f)) continue;
    let mtime: number;
    try {
      mtime = statSync(f).mtimeMs;
    } catch {
      continue;
    }
    if (mtime >= olderThan.getTime()) continue;
    rmSync(f, { force: true });
    deleted.push(f);
  }
  return {
    table: displayName(t),
    olderThan: olderThan.toISOString(),
    filesScanned: files.length,
    deleted: deleted.sort(),
    deletedFiles: deleted.length,
  };
}
