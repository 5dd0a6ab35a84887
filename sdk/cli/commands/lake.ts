import type { Command } from 'commander';
import type { KolConfig } from '../../config/index.ts';
import { openDuckDB } from '../../engines/index.ts';
import {
  compactTable,
  compactTableTrino,
  expireSnapshots,
  expireSnapshotsTrino,
  LakeError,
  lakeTable,
  listTables,
  removeOrphanFiles,
  removeOrphanFilesTrino,
  type TrinoStatements,
} from '../../lake/index.ts';
import { trinoPages } from '../../query/index.ts';
import { type CommandContext, commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

type Lake = Awaited<ReturnType<typeof openDuckDB>>;

/** Opens the profile's lake for one command and closes it afterwards; a lake error becomes a clear exit. */
async function withLake<T>(ctx: CommandContext, body: (lake: Lake) => Promise<T>): Promise<T> {
  const lake = await openDuckDB(ctx.config());
  try {
    return await body(lake);
  } catch (error) {
    if (error instanceof LakeError) throw new CliError(error.message, error.code === 'lake.unknown_table' ? EXIT.usage : EXIT.failure);
    throw error;
  } finally {
    await lake.close();
  }
}

/** Cluster profile: the catalog is a real one, and Trino does the maintenance (`ALTER TABLE … EXECUTE`). */
const onCluster = (config: KolConfig): boolean => config.profile !== 'local' && config.lake.catalogUri !== 'embedded';

/** The profile's Trino, one statement at a time, with session properties for that statement only. */
function trinoStatements(config: KolConfig): TrinoStatements {
  const { server, user, password, catalog } = config.trino;
  return {
    catalog,
    rows: async (sql, session) => {
      const out: Record<string, unknown>[] = [];
      for await (const page of trinoPages({ server, user, password, catalog, session }, sql)) out.push(...page.rows);
      return out;
    },
  };
}

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--older-than`: an ISO-8601 time, or an age such as `3d`, `12h`, `0s`. */
function olderThanOption(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const age = DURATION.exec(value.trim());
  const at = age ? new Date(Date.now() - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS]) : new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new CliError(`--older-than must be an ISO-8601 time or an age such as 3d, 12h, 30m, 0s; not '${value}'`, EXIT.usage);
  return at;
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** `kol-sdk lake`: inspect and maintain the tables of the lake. */
export function registerLake(program: Command): void {
  const lake = program.command('lake').description('inspect and maintain the Iceberg tables of the lake');

  lake
    .command('list')
    .description('every table: namespace.table, current snapshot, snapshots, data files, records')
    .option('--json', 'machine-readable output: [{"table", "snapshotId", "snapshots", "files", "records"}]')
    .action(async (_opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const rows = await withLake(ctx, async (l) => {
        const out = [];
        for (const name of await listTables(l)) {
          const t = await lakeTable(l, name);
          const info = await t.describe();
          const files = await t.files();
          const records = files.filter((f) => f.content === 'DATA').reduce((s, f) => s + f.records, 0);
          out.push({ table: name, snapshotId: info.currentSnapshotId, snapshots: info.snapshots.length, files: files.length, records });
        }
        return out;
      });
      ctx.out.result(rows, () => (rows.length === 0 ? ctx.out.line('no tables yet: kol-sdk pipeline run all') : ctx.out.table(rows)));
    });

  lake
    .command('describe')
    .description('a table: columns with field ids, partition spec, location, current snapshot, files and sizes')
    .argument('<table>', 'namespace.table, e.g. kol_silver.posts')
    .option('--json', 'machine-readable output: {"table", "columns", "partitionSpec", "currentSnapshotId", "files", "records", "bytes", …}')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const d = await withLake(ctx, async (l) => {
        const t = await lakeTable(l, name);
        const info = await t.describe();
        const files = await t.files();
        const { snapshots, ...rest } = info;
        return {
          ...rest,
          snapshots: snapshots.length,
          files: files.length,
          records: files.filter((f) => f.content === 'DATA').reduce((s, f) => s + f.records, 0),
          bytes: files.reduce((s, f) => s + (f.bytes ?? 0), 0),
        };
      });
      ctx.out.result(d, () => {
        ctx.out.line(`${d.table}  (format v${d.formatVersion}, ${d.location})`);
        ctx.out.table(
          d.columns.map((c) => ({
            id: c.id,
            column: c.name,
            type: typeof c.type === 'string' ? c.type : JSON.stringify(c.type),
            required: c.required,
          })),
        );
        ctx.out.line(
          `partitioned by ${d.partitionSpec.length === 0 ? '(none)' : d.partitionSpec.map((p) => `${p.transform}(${p.source})`).join(', ')}`,
        );
        ctx.out.line(
          `snapshot ${d.currentSnapshotId ?? '(none)'} of ${d.snapshots}; ${d.files} files, ${d.records} records, ${mib(d.bytes)}`,
        );
      });
    });

  lake
    .command('history')
    .description("a table's snapshots, oldest first: id, parent, time, operation, added and total records")
    .argument('<table>', 'namespace.table')
    .option('--json', 'machine-readable output: [{"snapshotId", "parentId", "sequenceNumber", "timestamp", "operation", "summary"}]')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const snaps = await withLake(ctx, async (l) => (await lakeTable(l, name)).snapshots());
      ctx.out.result(snaps, () =>
        ctx.out.table(
          snaps.map((s) => ({
            snapshot: s.snapshotId,
            parent: s.parentId ?? '',
            time: s.timestamp,
            operation: s.operation,
            added: s.summary['added-records'] ?? '',
            deleted: s.summary['deleted-records'] ?? '',
            total: s.summary['total-records'] ?? '',
          })),
        ),
      );
    });

  lake
    .command('compact')
    .description(
      "rewrite the small files of a table into as few as possible per partition, in one replace commit (cluster profile: Trino's optimize)",
    )
    .argument('<table>', 'namespace.table')
    .option('--file-size-threshold <size>', 'cluster profile: files under this size are rewritten (Trino data size)', '100MB')
    .option('--json', 'machine-readable output: {"table", "filesBefore", "filesAfter", "snapshotId"}')
    .action(async (name: string, opts: { fileSizeThreshold: string }, command: Command) => {
      const ctx = commandContext(command);
      const config = ctx.config();
      const r = await withLake(ctx, async (l) => {
        const t = (await lakeTable(l, name)).name;
        return onCluster(config)
          ? compactTableTrino(trinoStatements(config), t, { fileSizeThreshold: opts.fileSizeThreshold })
          : compactTable(l, t);
      });
      ctx.out.result(r, () =>
        ctx.out.line(
          r.snapshotId
            ? `${r.table}: ${r.filesBefore} files → ${r.filesAfter}, snapshot ${r.snapshotId}`
            : `${r.table}: nothing to compact (${r.filesBefore} file(s))`,
        ),
      );
    });

  lake
    .command('expire')
    .description("drop old snapshots and delete the files only they referenced (cluster profile: Trino's expire_snapshots)")
    .argument('<table>', 'namespace.table')
    .option('--retain-last <n>', 'snapshots to keep however old', '1')
    .option('--older-than <time>', 'expire only snapshots older than this ISO-8601 time or age (3d, 12h)')
    .option('--json', 'machine-readable output: {"table", "expired", "kept", "deletedFiles"}')
    .action(async (name: string, opts: { retainLast: string; olderThan?: string }, command: Command) => {
      const ctx = commandContext(command);
      const retainLast = Number(opts.retainLast);
      if (!Number.isInteger(retainLast) || retainLast < 1)
        throw new CliError(`--retain-last must be an integer ≥ 1, not '${opts.retainLast}'`, EXIT.usage);
      const olderThan = olderThanOption(opts.olderThan);
      const config = ctx.config();
      const r = await withLake(ctx, async (l) => {
        const t = (await lakeTable(l, name)).name;
        const options = { retainLast, ...(olderThan ? { olderThan } : {}) };
        return onCluster(config) ? expireSnapshotsTrino(l, trinoStatements(config), t, options) : expireSnapshots(l, t, options);
      });
      ctx.out.result(r, () =>
        ctx.out.line(`${r.table}: ${r.expired.length} snapshots expired, ${r.kept.length} kept, ${r.deletedFiles} files deleted`),
      );
    });

  lake
    .command('remove-orphans')
    .description(
      "delete files under a table's location that no snapshot or metadata references, older than --older-than (cluster profile: Trino's remove_orphan_files)",
    )
    .argument('<table>', 'namespace.table')
    .option(
      '--older-than <time>',
      'only files older than this ISO-8601 time or age (3d, 12h, 0s); younger files may be a commit in progress',
      '7d',
    )
    .option('--json', 'machine-readable output: {"table", "olderThan", "filesScanned", "deleted", "deletedFiles"}')
    .action(async (name: string, opts: { olderThan: string }, command: Command) => {
      const ctx = commandContext(command);
      const olderThan = olderThanOption(opts.olderThan) as Date;
      const config = ctx.config();
      const r = await withLake(ctx, async (l) => {
        const t = (await lakeTable(l, name)).name;
        return onCluster(config)
          ? removeOrphanFilesTrino(l, trinoStatements(config), t, { olderThan })
          : removeOrphanFiles(l, t, { olderThan });
      });
      ctx.out.result(r, () =>
        ctx.out.line(
          `${r.table}: ${r.deletedFiles} orphan files deleted of ${r.filesScanned} under its location (older than ${r.olderThan})`,
        ),
      );
    });
}
