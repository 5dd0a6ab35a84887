import { didYouMean } from '../util/index.ts';

/** A lake operation that cannot go on: what, on which table, and the fix. */
export class LakeError extends Error {
  readonly code: string;
  readonly table: string | undefined;
  readonly fix: string;
  /** The file the error is about (full URI), when it is about one. */
  readonly file: string | undefined;
  /** What that file is to the table: `table metadata JSON`, `manifest list`, `manifest`, `data file`, `delete file`. */
  readonly fileKind: string | undefined;
  constructor(
    code: string,
    message: string,
    fix: string,
    options: { table?: string; cause?: unknown; file?: string; fileKind?: string } = {},
  ) {
    super(`${message} — ${fix}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LakeError';
    this.code = code;
    this.table = options.table;
    this.fix = fix;
    this.file = options.file;
    this.fileKind = options.fileKind;
  }
}

/**
 * The error for a table that is not in the lake, naming the closest existing table (or namespace).
 *
 * @example unknownTableError('kol_silver.post', ['kol_silver.posts']).message // "… did you mean 'kol_silver.posts'?"
 */
export function unknownTableError(name: string, existing: readonly string[]): LakeError {
  const namespaces = [...new Set(existing.map((e) => e.split('.')[0] as string))];
  const ns = name.split('.')[0] ?? '';
  const hint = namespaces.includes(ns) || namespaces.length === 0 ? didYouMean(name, existing) : didYouMean(ns, namespaces);
  const fix =
    existing.length === 0
      ? 'the lake has no tables yet: build them with kol-sdk pipeline run all'
      : `list the tables with kol-sdk lake list${hint}`;
  return new LakeError('lake.unknown_table', `no table '${name}' in the lake`, fix, { table: name });
}

/**
 * How to get a table with a broken file back: restore the file, read an earlier snapshot, or rebuild the
 * table from the layer below (bronze from its sources).
 */
export function brokenFileFix(table: string, file: string): string {
  const rebuild = /bronze/.test(table.split('.')[0] ?? '')
    ? 'kol-sdk pipeline run bronze --rebuild'
    : `drop it and re-run its layer: kol-sdk pipeline run ${/gold/.test(table) ? 'gold' : 'silver'} --from DAY --to DAY`;
  return `restore ${file} from a copy; or find a good snapshot with kol-sdk lake history ${table} and read the table as of it (time travel: snapshotId or asOf); or rebuild the table (${rebuild})`;
}

/**
 * The error for a file of a table that is gone or does not parse, naming the file, its kind and the table.
 *
 * @example lakeFileError('kol_silver.posts', { kind: 'manifest', file: 'file:///…-m0.avro', problem: 'missing', detail: '' }).code // 'lake.file_missing'
 */
export function lakeFileError(
  table: string,
  found: { readonly kind: string; readonly file: string; readonly problem: 'missing' | 'corrupt'; readonly detail: string },
  cause?: unknown,
): LakeError {
  const what = found.problem === 'missing' ? 'is missing' : `is corrupt (${found.detail.replace(/\s+/g, ' ').slice(0, 200)})`;
  return new LakeError(
    `lake.file_${found.problem}`,
    `table ${table}: its ${found.kind} ${found.file} ${what}`,
    brokenFileFix(table, found.file),
    {
      table,
      cause,
      file: found.file,
      fileKind: found.kind,
    },
  );
}
