import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBLake } from '../engines/duckdb/open.ts';
import { literal } from '../engines/duckdb/sql.ts';
import { parseTableName, sqlName, type TableName } from './names.ts';

/** The files an Iceberg table is made of, from the root of its chain down. */
export type LakeFileKind = 'table metadata JSON' | 'manifest list' | 'manifest' | 'data file' | 'delete file';

/** One file of a table that cannot be read. */
export interface FileProblem {
  readonly kind: LakeFileKind;
  /** The file's full URI or path, as the table's metadata names it. */
  readonly file: string;
  readonly problem: 'missing' | 'corrupt';
  /** What the reader said. */
  readonly detail: string;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\nLINE ')[0] ?? '';

/** A local path for `file:` URIs and absolute paths; undefined for remote stores. */
function localPath(file: string): string | undefined {
  if (file.startsWith('file:')) {
    try {
      return fileURLToPath(file.replace(/^file:(?!\/\/)/, 'file://'));
    } catch {
      return undefined;
    }
  }
  return file.startsWith('/') ? file : undefined;
}

/** Missing or corrupt: a local file is looked at; a remote one is judged by the reader's words. */
function problemOf(kind: LakeFileKind, file: string, error: unknown): FileProblem {
  const detail = errorText(error);
  const path = localPath(file);
  const gone = path !== undefined ? !existsSync(path) : /No files found|does not exist|Cannot open file|\b404\b|NoSuchKey/i.test(detail);
  return { kind, file, problem: gone ? 'missing' : 'corrupt', detail };
}

/** Where the catalog keeps the table's metadata JSON, asked of the catalog itself when DuckDB cannot load it. */
async function metadataLocation(lake: DuckDBLake, t: TableName): Promise<{ location?: string; problem?: FileProblem }> {
  try {
    const [row] = await lake.runner.rows(`SELECT metadata_location AS location FROM iceberg_load_table_response(${sqlName(t)})`);
    return { location: String(row?.location) };
  } catch (error) {
    // DuckDB reports only the HTTP status; the catalog's answer names the file and what is wrong with it.
    if (lake.catalogUri === undefined) throw error;
    const url = `${lake.catalogUri.replace(/\/+$/, '')}/v1/namespaces/${encodeURIComponent(t.namespace)}/tables/${encodeURIComponent(t.name)}`;
    let message = errorText(error);
    try {
      const answer = (await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).json()) as { error?: { message?: string } };
      message = answer.error?.message ?? message;
    } catch {
      // The catalog is unreachable or did not answer JSON: the DuckDB error is all there is.
    }
    const file = /((?:file|s3a?|gs|abfss?):\/\/\S+?\.metadata\.json|\/\S+?\.metadata\.json)/.exec(message)?.[1];
    if (file === undefined) throw error;
    return { problem: problemOf('table metadata JSON', file, message) };
  }
}

/**
 * Walks a table's files from its metadata JSON down (manifest list, manifests, data and delete files) and
 * reports each one that is missing or does not parse. Reads only; nothing is changed. Used to explain a
 * failed read, since the engine's own errors often name no file (an Avro error) or no table.
 *
 * @example
 * const problems = await diagnoseTable(lake, 'kol_silver.posts');
 * // [{ kind: 'manifest', file: 'file:///…/metadata/…-m0.avro', problem: 'missing', detail: 'IO Error: …' }]
 */
export async function diagnoseTable(
  lake: DuckDBLake,
  name: string | TableName,
  options: { readonly snapshotId?: string; readonly files?: boolean } = {},
): Promise<FileProblem[]> {
  const t = typeof name === 'string' ? parseTableName(name) : name;
  const runner = lake.runner;
  const found = await metadataLocation(lake, t);
  if (found.problem) return [found.problem];
  const location = found.location as string;
  let metadata: { snapshots?: { 'snapshot-id': unknown; 'manifest-list': string }[]; 'current-snapshot-id'?: unknown };
  try {
    const rows = await runner.rows('SELECT content FROM read_text(?)', [location]);
    if (rows.length === 0) throw new Error('No files found');
    metadata = JSON.parse(String(rows[0]?.content).replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
  } catch (error) {
    return [problemOf('table metadata JSON', location, error)];
  }
  const wanted = options.snapshotId ?? String(metadata['current-snapshot-id'] ?? '-1');
  const snapshot = (metadata.snapshots ?? []).find((s) => String(s['snapshot-id']) === wanted);
  if (snapshot === undefined) return [];
  return [...(await diagnoseManifestList(lake, snapshot['manifest-list'], options.files !== false))];
}

async function diagnoseManifestList(lake: DuckDBLake, manifestList: string, files: boolean): Promise<FileProblem[]> {
  let manifests: string[];
  try {
    manifests = (await lake.runner.rows(`SELECT manifest_path FROM read_avro(${literal(manifestList)})`)).map((r) =>
      String(r.manifest_path),
    );
  } catch (error) {
    return [problemOf('manifest list', manifestList, error)];
  }
  const problems: FileProblem[] = [];
  const live: { path: string; kind: LakeFileKind }[] = [];
  for (const manifest of manifests) {
    try {
      // Status 2 marks a file the snapshot deleted: no reader opens it.
      const rows = await lake.runner.rows(
        `SELECT data_file.file_path AS path, data_file.content AS content FROM read_avro(${literal(manifest)}) WHERE status <> 2`,
      );
      for (const r of rows) live.push({ path: String(r.path), kind: Number(r.content) === 0 ? 'data file' : 'delete file' });
    } catch (error) {
      problems.push(problemOf('manifest', manifest, error));
    }
  }
  if (!files || live.length === 0) return problems;
  try {
    await lake.runner.rows(`SELECT count(*) FROM parquet_file_metadata([${live.map((f) => literal(f.path)).join(', ')}])`);
  } catch {
    // One of them is bad: look at each to name it.
    for (const f of live) {
      try {
        await lake.runner.rows(`SELECT count(*) FROM parquet_file_metadata(${literal(f.path)})`);
      } catch (error) {
        problems.push(problemOf(f.kind, f.path, error));
      }
    }
  }
  return problems;
}

/** Manifest lists whose manifests were read whole once, per lake: Iceberg never rewrites a file in place. */
const verified = new WeakMap<DuckDBLake, Set<string>>();

/**
 * Reads the manifest list and manifests of a snapshot (current by default) once per lake and returns the
 * first unreadable one. A scan must not start over a missing or broken manifest: DuckDB 1.5's iceberg
 * extension fails on one inside a worker thread and ends the whole process.
 *
 * @example const bad = await unreadableManifest(lake, (await describeTable(lake.runner, t)).snapshots.at(-1)?.manifestList);
 */
export async function unreadableManifest(lake: DuckDBLake, manifestList: string | undefined): Promise<FileProblem | undefined> {
  if (manifestList === undefined) return undefined;
  const seen = verified.get(lake) ?? new Set<string>();
  verified.set(lake, seen);
  if (seen.has(manifestList)) return undefined;
  const [problem] = await diagnoseManifestList(lake, manifestList, false);
  if (problem) return problem;
  seen.add(manifestList);
  return undefined;
}
