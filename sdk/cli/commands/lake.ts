import type { Command } from 'commander';
import { openDuckDB } from '../../engines/index.ts';
import { compactTable, expireSnapshots, LakeError, lakeTable, listTables } from '../../lake/index.ts';
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
    .description('rewrite the files of a table into as few as possible per partition, in one replace commit (local profile)')
    .argument('<table>', 'namespace.table')
    .option('--json', 'machine-readable output: {"table", "filesBefore", "filesAfter", "snapshotId"}')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const r = await withLake(ctx, async (l) => compactTable(l, (await lakeTable(l, name)).name));
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
    .description('drop old snapshots and delete the files only they referenced (local profile)')
    .argument('<table>', 'namespace.table')
    .option('--retain-last <n>', 'snapshots to keep however old', '1')
    .option('--older-than <time>', 'expire only snapshots older than this ISO-8601 time')
    .option('--json', 'machine-readable output: {"table", "expired", "kept", "deletedFiles"}')
    .action(async (name: string, opts: { retainLast: string; olderThan?: string }, command: Command) => {
      const ctx = commandContext(command);
      const retainLast = Number(opts.retainLast);
      if (!Number.isInteger(retainLast) || retainLast < 1)
        throw new CliError(`--retain-last must be an integer ≥ 1, not '${opts.retainLast}'`, EXIT.usage);
      const olderThan = opts.olderThan === undefined ? undefined : new Date(opts.olderThan);
      if (olderThan && Number.isNaN(olderThan.getTime()))
        throw new CliError(`--older-than must be an ISO-8601 time, not '${opts.olderThan}'`, EXIT.usage);
      const r = await withLake(ctx, async (l) =>
        expireSnapshots(l, (await lakeTable(l, name)).name, { retainLast, ...(olderThan ? { olderThan } : {}) }),
      );
      ctx.out.result(r, () =>
        ctx.out.line(`${r.table}: ${r.expired.length} snapshots expired, ${r.kept.length} kept, ${r.deletedFiles} files deleted`),
      );
    });
}
