import type { Id } from './ids.ts';

const DAY_MS = 86_400_000;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

const DATES = new Map<number, Uint8Array>();

/** `YYYY-MM-DD` of a day since the epoch, encoded once per day. */
function dateBytes(day: number): Uint8Array {
  let bytes = DATES.get(day);
  if (bytes === undefined) {
    bytes = Buffer.from(new Date(day * DAY_MS).toISOString().slice(0, 10), 'latin1');
    DATES.set(day, bytes);
  }
  return bytes;
}

/** Two decimal digits of `v` (0–99) at `at`. */
function two(buf: Uint8Array, at: number, v: number): void {
  const tens = (v / 10) | 0;
  buf[at] = 48 + tens;
  buf[at + 1] = 48 + v - tens * 10;
}

/**
 * A growable byte buffer that JSON lines are written into directly: ASCII strings and small integers byte
 * by byte, anything else through the engine's own JSON and UTF-8 encoders. Building each line as a string
 * and encoding it afterwards allocated several strings per event and dominated the generator's profile.
 * The text written is exactly what `JSON.stringify` gives for the same values.
 */
export class LineBuffer {
  buf: Buffer;
  pos = 0;
  private day = Number.NaN;
  private dayBytes: Uint8Array = new Uint8Array(10);

  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(this.pos + n);
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Constant text, already encoded. */
  lit(bytes: Uint8Array): void {
    const n = bytes.length;
    this.reserve(n);
    const buf = this.buf;
    const p = this.pos;
    for (let i = 0; i < n; i++) buf[p + i] = bytes[i] as number;
    this.pos = p + n;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** A string as a JSON string: copied as is while it is printable ASCII without quote or backslash. */
  str(s: string): void {
    const n = s.length;
    this.reserve(n + 2);
    const buf = this.buf;
    const p = this.pos + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) {
        this.encoded(JSON.stringify(s));
        return;
      }
      buf[p + i] = c;
    }
    buf[p - 1] = 0x22;
    buf[p + n] = 0x22;
    this.pos = p + n + 1;
  }

  /** An {@link Id} as a JSON string: its prefix, then eight hex digits. */
  id(v: Id): void {
    const prefix = v.prefix;
    const n = prefix.length;
    this.reserve(n + 10);
    const buf = this.buf;
    const p = this.pos;
    buf[p] = 0x22;
    for (let i = 0; i < n; i++) buf[p + 1 + i] = prefix[i] as number;
    const x = v.value;
    const at = p + 1 + n;
    for (let k = 0; k < 8; k++) buf[at + k] = HEX_DIGITS[(x >>> (28 - 4 * k)) & 15] as number;
    buf[at + 8] = 0x22;
    this.pos = at + 9;
  }

  /** A finite number as JSON: small non-negative integers digit by digit, the rest as the engine prints them. */
  num(v: number): void {
    if (v >= 0 && v < 2147483648 && (v | 0) === v) {
      let digits = 1;
      for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
      this.reserve(digits);
      const buf = this.buf;
      let x = v | 0;
      for (let i = this.pos + digits - 1; i >= this.pos; i--) {
        const q = (x / 10) | 0;
        buf[i] = 48 + x - q * 10;
        x = q;
      }
      this.pos += digits;
      return;
    }
    // a non-finite number is a generator bug and must not reach a file (JSON would say null)
    if (!Number.isFinite(v)) throw new TypeError(`cannot write ${v} as a JSON number`);
    this.encoded(`${v}`);
  }

  /**
   * Epoch milliseconds as a JSON string in ISO-8601 UTC (`"2024-03-01T12:34:56.789Z"`), the text
   * `Date#toISOString` gives for years 0–9999, without a `Date` or a string per value: the date part is
   * cached per day, the rest is integer arithmetic.
   */
  iso(ms: number): void {
    const t = Math.floor(ms);
    const day = Math.floor(t / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dayBytes = dateBytes(day);
    }
    this.reserve(26);
    const buf = this.buf;
    const p = this.pos;
    const date = this.dayBytes;
    buf[p] = 0x22;
    for (let i = 0; i < 10; i++) buf[p + 1 + i] = date[i] as number;
    let r = t - day * DAY_MS;
    const h = (r / 3_600_000) | 0;
    r -= h * 3_600_000;
    const m = (r / 60_000) | 0;
    r -= m * 60_000;
    const s = (r / 1000) | 0;
    r -= s * 1000;
    buf[p + 11] = 0x54; // T
    two(buf, p + 12, h);
    buf[p + 14] = 0x3a;
    two(buf, p + 15, m);
    buf[p + 17] = 0x3a;
    two(buf, p + 18, s);
    buf[p + 20] = 0x2e;
    const hundreds = (r / 100) | 0;
    buf[p + 21] = 48 + hundreds;
    two(buf, p + 22, r - hundreds * 100);
    buf[p + 24] = 0x5a; // Z
    buf[p + 25] = 0x22;
    this.pos = p + 26;
  }

  /** Text that is already valid JSON, encoded as UTF-8. */
  private encoded(text: string): void {
    this.reserve(text.length * 3);
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }
}
