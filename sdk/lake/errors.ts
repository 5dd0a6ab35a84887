import { didYouMean } from '../util/index.ts';

/** A lake operation that cannot go on: what, on which table, and the fix. */
export class LakeError extends Error {
  readonly code: string;
  readonly table: string | undefined;
  readonly fix: string;
  constructor(code: string, message: string, fix: string, options: { table?: string; cause?: unknown } = {}) {
    super(`${message} — ${fix}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LakeError';
    this.code = code;
    this.table = options.table;
    this.fix = fix;
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
