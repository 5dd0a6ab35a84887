import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBLake } from '../engines/duckdb/open.ts';
import { identifier, literal } from '../engines/duckdb/sql.ts';
import { LakeError } from './errors.ts';
import { displayName, sqlName, type TableName } from './names.ts';
import { describeTable, loadTableMetadata } from './table-metadata.ts';

export interface ExpireOptions {
  /** Snapshots to keep however old, newest first (default 1: the current one). */
  readonly retainLast?: number;
  /** Only snapshots older than this instant are expired (default: all but the retained ones). */
  readonly olderThan?: Date;
}

export interface ExpireResult {
  readonly table: string;
  readonly expired: readonly string[];
  readonly kept: readonly string[];
  /** Manifest lists, manifests and data files that only expired snapshots referenced, now deleted. */
  readonly deletedFiles: number;
}

export interface CompactResult {
  readonly table: string;
  readonly filesBefore: number;
  readonly filesAfter: number;
  /** The replace snapshot, or null when there was nothing to compact. */
  readonly snapshotId: string | null;
}

function catalogTableUrl(lake: DuckDBLake, t: TableName): string {
  if (!lake.catalog || !lake.catalogUri) {
    throw new LakeError(
      'lake.maintenance_profile',
      `maintenance of ${displayName(t)} through the SDK needs the embedded catalog (local profile)`,
      "on the cluster profile run Trino's ALTER TABLE … EXECUTE expire_snapshots / optimize",
      { table: displayName(t) },
    );
  }
  return `${lake.catalogUri}/v1/namespaces/${encodeURIComponent(t.namespace)}/tables/${encodeURIComponent(t.name)}`;
}

/** POSTs a commit; ids are written as bare digits (JSON numbers beyond 2^53). */
async function commit(url: string, body: string, t: TableName): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!res.ok) {
    throw new LakeError(
      res.status === 409 ? 'lake.commit_conflict' : 'lake.commit_failed',
      `commit to ${displayName(t)} refused (${res.status}): ${(await res.text()).slice(0, 500)}`,
      res.status === 409 ? 'another writer committed first; run it again' : 'the table is unchanged; check the catalog',
      { table: displayName(t) },
    );
  }
}

/** Every file a set of snapshots reaches: manifest lists, manifests, and the live data and delete files. */
export async function reachable(lake: DuckDBLake, manifestLists: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>(manifestLists);
  if (manifestLists.length === 0) return out;
  const lists = `[${manifestLists.map(literal).join(', ')}]`;
  const manifests = (await lake.runner.rows(`SELECT DISTINCT manifest_path AS p FROM read_avro(${lists})`)).map((r) => String(r.p));
  for (const m of manifests) out.add(m);
  // One manifest at a time: their data_file structs differ with the partition spec they were written for.
  for (const m of manifests) {
    const files = await lake.runner.rows('SELECT DISTINCT data_file.file_path AS p FROM read_avro(?) WHERE status <> 2', [m]);
    for (const r of files) out.add(String(r.p));
  }
  return out;
}

/**
 * Expires old snapshots of a table of the local lake: one catalog commit removes them (refused if the table
 * moved meanwhile), then the files that no remaining snapshot references are deleted.
 *
 * @example await expireSnapshots(lake, parseTableName('kol_silver.posts'), { retainLast: 3 });
 */
export async function expireSnapshots(lake: DuckDBLake, t: TableName, options: ExpireOptions = {}): Promise<ExpireResult> {
  const url = catalogTableUrl(lake, t);
  const info = await describeTable(lake.runner, t);
  const retain = Math.max(1, options.retainLast ?? 1);
  const newestFirst = [...info.snapshots].reverse();
  const keep = new Set(newestFirst.slice(0, retain).map((s) => s.snapshotId));
  if (info.currentSnapshotId) keep.add(info.currentSnapshotId);
  const cutoff = options.olderThan?.getTime() ?? Number.POSITIVE_INFINITY;
  const expire = info.snapshots.filter((s) => !keep.has(s.snapshotId) && Date.parse(s.timestamp) < cutoff);
  const kept = info.snapshots.filter((s) => !expire.includes(s));
  if (expire.length === 0) return { table: displayName(t), expired: [], kept: kept.map((s) => s.snapshotId), deletedFiles: 0 };
  const live = await reachable(
    lake,
    kept.map((s) => s.manifestList),
  );
  const dead = await reachable(
    lake,
    expire.map((s) => s.manifestList),
  );
  const requirement = info.currentSnapshotId
    ? `{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":${info.currentSnapshotId}}`
    : `{"type":"assert-table-uuid","uuid":${JSON.stringify(info.uuid)}}`;
  await commit(
    url,
    `{"requirements":[${requirement}],"updates":[{"action":"remove-snapshots","snapshot-ids":[${expire.map((s) => s.snapshotId).join(',')}]}]}`,
    t,
  );
  let deleted = 0;
  for (const path of dead) {
    if (live.has(path) || !path.startsWith('file:')) continue;
    rmSync(fileURLToPath(path), { force: true });
    deleted++;
  }
  return { table: displayName(t), expired: expire.map((s) => s.snapshotId), kept: kept.map((s) => s.snapshotId), deletedFiles: deleted };
}

const TRANSFORM = /^(identity|bucket|truncate|year|month|day|hour)(?:\[(\d+)\])?$/;

/** DuckDB's spelling of a partition field (`bucket(16, creator_id)`). */
function partitionSql(source: string, transform: string): string {
  const m = TRANSFORM.exec(transform);
  if (!m) throw new LakeError('lake.transform', `partition transform '${transform}' cannot be reproduced`, 'compact this table with Trino');
  const col = identifier(source);
  if (m[1] === 'identity') return col;
  return m[2] ? `${m[1]}(${m[2]}, ${col})` : `${m[1]}(${col})`;
}

/**
 * Compacts a table of the local lake: its rows (deletes applied) are rewritten by DuckDB into as few files
 * per partition as it writes, and one `replace` snapshot on the table points at them, refused if the table
 * moved meanwhile. The old files stay until `expireSnapshots` removes the snapshots that use them.
 *
 * @example await compactTable(lake, parseTableName('kol_bronze.posts'));
 */
export async function compactTable(lake: DuckDBLake, t: TableName): Promise<CompactResult> {
  const url = catalogTableUrl(lake, t);
  const countFiles = async (name: TableName) =>
    Number((await lake.runner.rows(`SELECT count(*) AS n FROM iceberg_metadata(${sqlName(name)})`))[0]?.n ?? 0);
  const before = await countFiles(t);
  const info = await describeTable(lake.runner, t);
  const current = info.currentSnapshotId;
  if (!current || before <= 1) return { table: displayName(t), filesBefore: before, filesAfter: before, snapshotId: null };
  const tmp: TableName = { namespace: t.namespace, name: `${t.name}__compact_${Date.now()}` };
  await lake.runner.run(`CREATE TABLE ${sqlName(tmp)} AS SELECT * FROM ${sqlName(t)} LIMIT 0`);
  try {
    if (info.partitionSpec.length > 0) {
      await lake.runner.run(
        `ALTER TABLE ${sqlName(tmp)} SET PARTITIONED BY (${info.partitionSpec.map((p) => partitionSql(p.source, p.transform)).join(', ')})`,
      );
    }
    const { metadata: tm } = await loadTableMetadata(lake.runner, tmp);
    const { metadata: m } = await loadTableMetadata(lake.runner, t);
    const sameIds = (x: Record<string, unknown>) => {
      const s = (x.schemas as Record<string, unknown>[]).find((s) => Number(s['schema-id']) === Number(x['current-schema-id']));
      return JSON.stringify({ fields: s?.fields, spec: x['default-spec-id'], specs: x['partition-specs'] });
    };
    if (sameIds(tm) !== sameIds(m)) {
      throw new LakeError(
        'lake.compact_evolved',
        `${displayName(t)} has an evolved schema or partition spec`,
        'compact it with Trino (ALTER TABLE … EXECUTE optimize)',
        { table: displayName(t) },
      );
    }
    await lake.runner.run(`INSERT INTO ${sqlName(tmp)} SELECT * FROM ${sqlName(t)} AT (VERSION => ${current})`);
    const rewritten = await describeTable(lake.runner, tmp);
    const snap = rewritten.snapshots.at(-1);
    if (!snap) throw new LakeError('lake.compact_empty', `rewriting ${displayName(t)} produced no snapshot`, 'check the table');
    const id = (BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000))) & 0x7fffffffffffffffn;
    const summary = { ...snap.summary, operation: 'replace' };
    const snapshot = `{"snapshot-id":${id},"parent-snapshot-id":${current},"sequence-number":${Number(m['last-sequence-number']) + 1},"timestamp-ms":${Date.now()},"manifest-list":${JSON.stringify(snap.manifestList)},"summary":${JSON.stringify(summary)},"schema-id":${info.schemaId}}`;
    await commit(
      url,
      `{"requirements":[{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":${current}}],"updates":[{"action":"add-snapshot","snapshot":${snapshot}},{"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":${id}}]}`,
      t,
    );
    return { table: displayName(t), filesBefore: before, filesAfter: await countFiles(t), snapshotId: String(id) };
  } finally {
    // The rewritten files now belong to the table: the scratch table leaves the catalog without a purge.
    await fetch(catalogTableUrl(lake, tmp), { method: 'DELETE' }).catch(() => undefined);
  }
}
