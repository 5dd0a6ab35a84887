import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AnyContract, compileValidator, EVENT_CONTRACTS, knownAtColumn, type Validator } from '../contracts/index.ts';
import { timestampMillis, type ValueProblem } from '../types/index.ts';
import { LineReader } from './lines.ts';

/** One record read from a file, checked against its contract. */
export interface SourceRecord {
  readonly contract: AnyContract;
  /** The line exactly as read: what is published, or kept in a dead letter. */
  readonly line: string;
  /** `<file>:<line>`. */
  readonly source: string;
  /** When the record became known (ms); for a record whose time is unreadable, the previous record's. */
  readonly time: number;
  /** The message key (the contract's key column), or null when the record has none. */
  readonly key: string | null;
  /** Empty when the record is valid. */
  readonly problems: readonly ValueProblem[];
}

/** One generated file of one event type. */
export interface SourceFile {
  readonly contract: AnyContract;
  readonly path: string;
  /** Rows the manifest announces (for progress), or null without a manifest. */
  readonly rows: number | null;
}

/**
 * The files of a generated folder: those its `manifest.json` lists, or else every `<type>.jsonl` of a known
 * event type present. Unknown types in a manifest are an error rather than skipped, so nothing is left out
 * unnoticed.
 *
 * @example sourceFiles('data-samples/xs').map((f) => f.contract.name) // ['creators', 'follower_snapshots', …]
 */
export function sourceFiles(dir: string): SourceFile[] {
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files?: Record<string, { path: string; rows: number }> };
    return Object.entries(manifest.files ?? {}).map(([type, f]) => {
      const contract = EVENT_CONTRACTS.find((c) => c.name === type);
      if (contract === undefined)
        throw new Error(`${manifestPath}: unknown event type '${type}' (known: ${EVENT_CONTRACTS.map((c) => c.name).join(', ')})`);
      return { contract, path: join(dir, f.path), rows: f.rows };
    });
  }
  return EVENT_CONTRACTS.filter((c) => existsSync(join(dir, `${c.name}.jsonl`))).map((c) => ({
    contract: c,
    path: join(dir, `${c.name}.jsonl`),
    rows: null,
  }));
}

/**
 * Reads one file as records in file order: parses, validates and dates each line. Files are sorted by
 * time, so the merge of several stays in time order.
 */
export class RecordReader {
  private readonly validator: Validator<unknown>;
  private readonly timeColumn: string;
  private readonly name: string;
  private lastTime = Number.NEGATIVE_INFINITY;
  /** The record `take()` returns next, once `prime()` has run. */
  head: SourceRecord | null = null;

  private constructor(
    readonly file: SourceFile,
    private readonly lines: LineReader,
  ) {
    this.validator = compileValidator(file.contract) as Validator<unknown>;
    this.timeColumn = knownAtColumn(file.contract);
    this.name = file.path.split('/').pop() as string;
  }

  static async open(file: SourceFile): Promise<RecordReader> {
    const reader = new RecordReader(file, await LineReader.open(file.path));
    await reader.prime();
    return reader;
  }

  /**
   * Moves `head` to the next record without waiting when the current chunk still holds a line; returns
   * false when a read is needed (then `await prime()`).
   */
  advance(): boolean {
    for (;;) {
      if (this.lines.finished) {
        this.head = null;
        return true;
      }
      if (this.lines.empty) return false;
      const line = this.lines.next();
      if (line.trim() === '') continue;
      this.head = this.read(line, `${this.name}:${this.lines.lineNo}`);
      return true;
    }
  }

  /** Makes `head` the next record (null at the end of the file), reading as needed. */
  async prime(): Promise<void> {
    for (;;) {
      if (this.lines.empty) await this.lines.fill();
      if (this.lines.finished) {
        this.head = null;
        return;
      }
      const line = this.lines.next();
      if (line.trim() === '') continue; // blank lines hold no record
      this.head = this.read(line, `${this.name}:${this.lines.lineNo}`);
      return;
    }
  }

  private read(line: string, source: string): SourceRecord {
    const contract = this.file.contract;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return {
        contract,
        line,
        source,
        time: this.lastTime,
        key: null,
        problems: [{ path: '', reason: `not valid JSON: ${(error as Error).message}` }],
      };
    }
    const v = this.validator(value);
    const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    const raw = record[this.timeColumn];
    const t = typeof raw === 'string' ? timestampMillis(raw) : Number.NaN;
    if (v.ok && t >= this.lastTime) this.lastTime = t;
    const key = record[contract.key];
    return {
      contract,
      line,
      source,
      time: this.lastTime,
      key: typeof key === 'string' ? key : null,
      problems: v.ok ? [] : v.problems,
    };
  }

  async close(): Promise<void> {
    await this.lines.close();
  }
}
