import { RecordReader, type SourceFile, type SourceRecord } from './source.ts';

/**
 * Merges the files of a folder into one stream in order of the time records became known. Each file is
 * already sorted, so this is a k-way merge over the heads of eleven files (a linear scan beats a heap at
 * that size); ties go to the file listed first, so the order is deterministic.
 *
 * @example
 * const merge = await Merge.open(sourceFiles('data-samples/xs'));
 * for (let r = await merge.next(); r !== null; r = await merge.next()) console.log(r.contract.name, r.time);
 */
export class Merge {
  private constructor(private readonly readers: RecordReader[]) {}

  static async open(files: readonly SourceFile[]): Promise<Merge> {
    return new Merge(await Promise.all(files.map((f) => RecordReader.open(f))));
  }

  /** The next record in time order, or null when every file is done. Awaits only to read a new chunk. */
  next(): SourceRecord | null | Promise<SourceRecord | null> {
    let best: RecordReader | null = null;
    for (const r of this.readers) {
      const h = r.head;
      if (h !== null && (best === null || h.time < (best.head as SourceRecord).time)) best = r;
    }
    if (best === null) return null;
    const record = best.head as SourceRecord;
    if (best.advance()) return record;
    return best.prime().then(() => record);
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.close()));
  }
}
