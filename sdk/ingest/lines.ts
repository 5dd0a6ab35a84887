import { type FileHandle, open } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * Reads a file line by line in large chunks: `next()` is synchronous while the current chunk lasts and
 * `fill()` reads on. Far cheaper than an async iterator per line when eleven files are merged. Bytes after
 * the last newline of a chunk are carried over undecoded, so a multi-byte character split by a chunk
 * boundary survives.
 */
export class LineReader {
  private lines: string[] = [];
  private index = 0;
  private carry: Buffer = Buffer.alloc(0);
  private done = false;
  /** 1-based number of the line last returned by `next()`. */
  lineNo = 0;

  private constructor(private readonly file: FileHandle) {}

  /** @example const r = await LineReader.open('posts.jsonl'); while (!r.finished) { if (r.empty) await r.fill(); else use(r.next()); } */
  static async open(path: string): Promise<LineReader> {
    const reader = new LineReader(await open(path, 'r'));
    await reader.fill();
    return reader;
  }

  /** True when `next()` would need a `fill()` first. */
  get empty(): boolean {
    return this.index >= this.lines.length;
  }

  /** True when the file is exhausted and every line was returned. */
  get finished(): boolean {
    return this.done && this.empty;
  }

  /** The next line (without its newline or a trailing carriage return); call only when not `empty`. */
  next(): string {
    this.lineNo++;
    const line = this.lines[this.index++] as string;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  /** Reads chunks until at least one line is ready or the file ends. */
  async fill(): Promise<void> {
    while (this.empty && !this.done) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await this.file.read(buffer, 0, CHUNK, null);
      this.index = 0;
      if (bytesRead === 0) {
        this.done = true;
        this.lines = this.carry.length === 0 ? [] : [this.carry.toString('utf8')];
        this.carry = Buffer.alloc(0);
        await this.file.close();
        return;
      }
      const data = this.carry.length === 0 ? buffer.subarray(0, bytesRead) : Buffer.concat([this.carry, buffer.subarray(0, bytesRead)]);
      const end = data.lastIndexOf(0x0a);
      if (end < 0) {
        this.carry = Buffer.from(data);
        this.lines = [];
        continue;
      }
      this.lines = data.toString('utf8', 0, end).split('\n');
      this.carry = Buffer.from(data.subarray(end + 1));
    }
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.file.close();
    }
  }
}
