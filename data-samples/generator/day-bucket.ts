import { LineBuffer } from './line-buffer.ts';
import type { LineWriter } from './serialize.ts';

/**
 * One day's events of one type, already serialised: the lines live in a byte arena (off the JS heap, so
 * events waiting a week for their day cost the garbage collector nothing), with each line's time and offset
 * in typed arrays. `drain` returns the lines sorted by (time, event_id) as one buffer.
 */
export class DayBucket {
  private readonly out = new LineBuffer();
  private times = new Float64Array(256);
  private offsets = new Uint32Array(256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Writes one row as a line whose event time is `msInDay` milliseconds after midnight. */
  add(msInDay: number, write: LineWriter, row: object): void {
    const n = this.count;
    if (n === this.times.length) this.growIndex();
    this.offsets[n] = this.out.pos;
    this.times[n] = msInDay;
    write(this.out, row);
    this.count = n + 1;
  }

  private growIndex(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const offsets = new Uint32Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }

  private end(i: number): number {
    return i + 1 < this.count ? (this.offsets[i + 1] as number) : this.out.pos;
  }

  /**
   * The lines in order of (time, event_id). Sorting is numeric on a packed key (time × 2^22 + index) with
   * the engine's native typed-array sort; only runs of equal times are compared by their event_id bytes,
   * which every line starts with (`{"event_id":"…`). The buffer returned is valid until the bucket is reset.
   */
  drain(): Buffer {
    const n = this.count;
    if (n === 0) return Buffer.alloc(0);
    if (n >= 1 << 22) throw new RangeError('more than 4M events of one type on one day: raise the index width');
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (this.times[i] as number) * 4194304 + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = (keys[i] as number) % 4194304;
    for (let i = 0; i < n; ) {
      let j = i + 1;
      const t = this.times[order[i] as number];
      while (j < n && this.times[order[j] as number] === t) j++;
      if (j - i > 1) this.sortRunById(order, i, j);
      i = j;
    }
    // the sorted copy goes right after the lines in the same arena: copyWithin moves bytes without a view
    // or a call into the runtime per line
    const used = this.out.pos;
    this.out.reserve(used);
    const bytes = this.out.buf;
    let at = used;
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const from = this.offsets[i] as number;
      const to = this.end(i);
      bytes.copyWithin(at, from, to);
      at += to - from;
    }
    return bytes.subarray(used, at);
  }

  /** Empties the bucket for another day, keeping its memory. */
  reset(): void {
    this.out.pos = 0;
    this.count = 0;
  }

  /** Compares the event_ids of lines `a` and `b` byte by byte (ids are ASCII and end at a quote). */
  private compareIds(a: number, b: number): number {
    const bytes = this.out.buf;
    let x = (this.offsets[a] as number) + ID_PREFIX;
    let y = (this.offsets[b] as number) + ID_PREFIX;
    for (;;) {
      const cx = bytes[x++] as number;
      const cy = bytes[y++] as number;
      if (cx !== cy) return cx === QUOTE ? -1 : cy === QUOTE ? 1 : cx - cy;
      if (cx === QUOTE) return 0;
    }
  }

  private sortRunById(order: Uint32Array, from: number, to: number): void {
    const run = Array.from(order.subarray(from, to));
    run.sort((a, b) => this.compareIds(a, b));
    order.set(run, from);
  }
}

/** Length of `{"event_id":"`, the start of every line (event_id is every contract's first column). */
const ID_PREFIX = 13;
const QUOTE = 0x22;
