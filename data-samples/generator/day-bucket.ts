/**
 * One day's events of one type, already serialised: the lines live in a byte arena (off the JS heap, so
 * events waiting a week for their day cost the garbage collector nothing), with each line's time, offset
 * and length in typed arrays. `drain` returns the lines sorted by (time, event_id) as one buffer.
 */
export class DayBucket {
  private bytes: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private times = new Float64Array(256);
  private offsets = new Uint32Array(256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Appends one line (ending in a newline) whose event time is `msInDay` milliseconds after midnight. */
  add(msInDay: number, line: string): void {
    const n = this.count;
    if (n === this.times.length) this.growIndex();
    let need = this.used + line.length * 3;
    if (need > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < need) size *= 2;
      const next = Buffer.allocUnsafe(size);
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
    this.offsets[n] = this.used;
    this.times[n] = msInDay;
    need = this.bytes.write(line, this.used, 'utf8');
    this.used += need;
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
    return i + 1 < this.count ? (this.offsets[i + 1] as number) : this.used;
  }

  /**
   * The lines in order of (time, event_id). Sorting is numeric on a packed key (time × 2^22 + index) with
   * the engine's native typed-array sort; only runs of equal times are compared by their event_id text,
   * which every line starts with (`{"event_id":"…`).
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
    const out = Buffer.allocUnsafe(this.used);
    let at = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      at += this.bytes.copy(out, at, this.offsets[i] as number, this.end(i));
    }
    return out;
  }

  private idOf(i: number): Buffer {
    const start = (this.offsets[i] as number) + ID_PREFIX;
    const stop = this.bytes.indexOf(QUOTE, start);
    return this.bytes.subarray(start, stop);
  }

  private sortRunById(order: Uint32Array, from: number, to: number): void {
    const run = Array.from(order.subarray(from, to));
    run.sort((a, b) => Buffer.compare(this.idOf(a), this.idOf(b)));
    order.set(run, from);
  }
}

/** Length of `{"event_id":"`, the start of every line (event_id is every contract's first column). */
const ID_PREFIX = 13;
const QUOTE = 0x22;
