import { createHash, type Hash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { DuckDBLake } from '../sdk/engines/index.ts';
import { LakeError } from '../sdk/lake/index.ts';
import { lakeTable } from './sql.ts';

/**
 * What bronze has landed of each source file: its first `lines` lines, `bytes` long, whose SHA-256 is
 * `prefix_sha256`. Written in the same commit as the rows, so it never disagrees with the table; one row
 * per commit (the latest, longest one is the state).
 */
export const SOURCE_FILES_TABLE = 'source_files';
export const SOURCE_FILES_COLUMNS =
  'source_file VARCHAR, contract VARCHAR, lines BIGINT, bytes BIGINT, prefix_sha256 VARCHAR, landed_at TIMESTAMPTZ';

/** The landed prefix of one file. */
export interface LandedPrefix {
  readonly lines: number;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * The state recorded for `file` of `contract`, or undefined when nothing of it was recorded yet.
 *
 * @example await recordedPrefix(lake, 'kol_bronze', '/data/events/posts.jsonl', 'posts') // { lines: 120, bytes: 40_960, sha256: '9f…' }
 */
export async function recordedPrefix(
  lake: DuckDBLake,
  namespace: string,
  file: string,
  contract: string,
): Promise<LandedPrefix | undefined> {
  const [row] = await lake.runner.rows(
    `SELECT lines, bytes, prefix_sha256 FROM ${lakeTable(namespace, SOURCE_FILES_TABLE)}
     WHERE source_file = $file AND contract = $contract ORDER BY bytes DESC, lines DESC LIMIT 1`,
    { file, contract },
  );
  return row === undefined ? undefined : { lines: Number(row.lines), bytes: Number(row.bytes), sha256: String(row.prefix_sha256) };
}

/**
 * A SHA-256 fed with the first `bytes` bytes of a file (the whole file if shorter), still open: landing
 * goes on feeding it the lines it reads, so the new prefix's digest needs no second read of the file.
 *
 * @example (await prefixHash('/data/events/posts.jsonl', 40_960)).digest('hex')
 */
export async function prefixHash(file: string, bytes: number): Promise<Hash> {
  const hash = createHash('sha256');
  if (bytes > 0) for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1 })) hash.update(chunk as Buffer);
  return hash;
}

/** One complete line of a file: its text (without `\n` or `\r\n`), its 1-based number, and the offset past it. */
export interface FileLine {
  readonly text: string;
  readonly number: number;
  readonly end: number;
}

/**
 * The complete lines of a file from byte `start` (a line boundary), numbered from `firstNumber`. A last
 * line without its newline is not yielded: the writer may not have finished it, and landing it now would
 * land a different line than the finished one. `hash`, when given, is fed the bytes of each yielded line
 * (newline included), so it ends covering exactly the file up to the last line's `end`.
 *
 * @example for await (const line of linesFrom('/data/events/posts.jsonl', 40_960, 121)) console.log(line.number, line.text);
 */
export async function* linesFrom(file: string, start: number, firstNumber: number, hash?: Hash): AsyncGenerator<FileLine> {
  let pending: Buffer | undefined;
  let offset = start;
  let number = firstNumber;
  for await (const chunk of createReadStream(file, { start, highWaterMark: 1 << 20 })) {
    const buf = pending === undefined ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let pos = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, pos)) {
      const cr = nl > pos && buf[nl - 1] === 13 ? 1 : 0;
      offset += nl + 1 - pos;
      hash?.update(buf.subarray(pos, nl + 1));
      yield { text: buf.toString('utf8', pos, nl - cr), number, end: offset };
      number++;
      pos = nl + 1;
    }
    pending = pos < buf.length ? buf.subarray(pos) : undefined;
  }
}

/**
 * The refusal for a source file whose landed part is no longer what bronze holds.
 *
 * @example throw sourceChangedError('/data/posts.jsonl', 'kol_bronze.posts', 'is now 10 bytes, shorter than the 20 bytes already landed');
 */
export function sourceChangedError(file: string, table: string, what: string): LakeError {
  return new LakeError(
    'lake.source_changed',
    `${file} ${what} in ${table}; bronze lands only lines appended to a file, so nothing was landed`,
    `re-land the file from scratch with kol-sdk pipeline run bronze --rebuild (replaces what bronze holds from it in one commit), then rebuild the later layers with kol-sdk pipeline run silver and gold (or all) --from DAY --to DAY; or restore the file as it was and append to it`,
    { table, file, fileKind: 'source file' },
  );
}

/**
 * Checks that `file` still starts with what was landed of it (its length and the SHA-256 of that part).
 * Throws {@link sourceChangedError} when the landed part was changed; else returns the prefix's open hash.
 *
 * @example await verifyPrefix('/data/events/posts.jsonl', 'kol_bronze.posts', { lines: 120, bytes: 40_960, sha256: '9f…' });
 */
export async function verifyPrefix(file: string, table: string, landed: LandedPrefix): Promise<Hash> {
  const size = statSync(file).size;
  if (size < landed.bytes)
    throw sourceChangedError(
      file,
      table,
      `is now ${size} bytes, shorter than the ${landed.bytes} bytes (${landed.lines} lines) already landed`,
    );
  const hash = await prefixHash(file, landed.bytes);
  if (hash.copy().digest('hex') !== landed.sha256)
    throw sourceChangedError(
      file,
      table,
      `no longer starts with the ${landed.lines} lines (${landed.bytes} bytes) already landed: a landed line was edited, removed or reordered`,
    );
  return hash;
}

/**
 * The prefix of the first `lines` lines of a file, for tables landed before the state was recorded:
 * their position is only a line count, and the state starts from the file as it is now. Fewer lines
 * than asked for means the file lost lines.
 *
 * @example await prefixOfLines('/data/events/posts.jsonl', 120) // { lines: 120, bytes: 40_960, sha256: '9f…' }
 */
export async function prefixOfLines(file: string, lines: number): Promise<LandedPrefix> {
  let bytes = 0;
  let seen = 0;
  const hash = createHash('sha256');
  if (lines > 0) {
    for await (const line of linesFrom(file, 0, 1, hash)) {
      bytes = line.end;
      seen = line.number;
      if (seen >= lines) break;
    }
  }
  return { lines: seen, bytes, sha256: hash.digest('hex') };
}
