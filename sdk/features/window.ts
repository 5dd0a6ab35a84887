/**
 * Windows over event time, and THE boundary rule. Both the SQL generator and the streaming aggregator read
 * the numbers from here, so an offline value and an online value can only differ by bugs, not by definition.
 *
 * ## The rule
 * A window `w` with tile size `T` (from {@link tileMsFor}) contains, at time `as_of`, every event `e` with
 *
 *     floorT(as_of − w) < e.event_time ≤ as_of          floorT(x) = ⌊x / T⌋ · T over epoch milliseconds (UTC)
 *
 * i.e. the exact window `(as_of − w, as_of]` whose tail is widened down to the previous tile boundary.
 * Tiles are left-open, right-closed: tile `k` holds `(k·T, (k+1)·T]`. With that, the window at any `as_of` is
 * exactly the union of whole tiles `(floorT(as_of − w), floorT(as_of)]` plus the head tile up to `as_of`, so a
 * streaming aggregator keeps one partial state per tile and merges `w / T + 1` of them — it never needs the raw
 * events of a partial tail tile. When `as_of` is on a tile boundary (a daily spine at midnight is on every
 * tile boundary), the window is exactly `(as_of − w, as_of]`; otherwise it covers less than `T` more.
 * `lifetime` has no tail: every event with `event_time ≤ as_of`.
 *
 * Times compare at millisecond precision (sub-millisecond digits are truncated), as in JavaScript.
 *
 * ## Tile sizes (as Chronon's hops): w < 12 h → 5 min; w < 12 d → 1 h; otherwise 1 d.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A window name: `<n>m`, `<n>h`, `<n>d` or `lifetime`. */
export type WindowName = `${number}${'m' | 'h' | 'd'}` | 'lifetime';

export interface WindowSpec {
  readonly name: WindowName;
  /** Length in milliseconds; `null` for `lifetime`. */
  readonly ms: number | null;
  /** Tile size in milliseconds; `null` for `lifetime` (a single ever-growing state). */
  readonly tileMs: number | null;
}

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;

/** The tile size of a window of `ms` milliseconds. */
export function tileMsFor(ms: number): number {
  if (ms < 12 * HOUR_MS) return 5 * MINUTE_MS;
  if (ms < 12 * DAY_MS) return HOUR_MS;
  return DAY_MS;
}

/**
 * Parses a window name; returns a message with the fix instead of throwing, so that validation can collect it.
 *
 * @example parseWindow('7d') // { name: '7d', ms: 604800000, tileMs: 3600000 }
 */
export function parseWindow(name: string): WindowSpec | string {
  if (name === 'lifetime') return Object.freeze({ name: 'lifetime', ms: null, tileMs: null });
  const m = /^([1-9][0-9]*)(m|h|d)$/.exec(name);
  if (m === null) return `bad window '${name}': write <n>m, <n>h, <n>d (e.g. '1h', '7d', '28d') or 'lifetime'`;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  const tileMs = tileMsFor(ms);
  if (ms % tileMs !== 0) {
    const lower = Math.max(tileMs, Math.floor(ms / tileMs) * tileMs);
    return `bad window '${name}': a window of this length is built from ${tileMs / MINUTE_MS}-minute tiles and must be a whole number of them — use ${describeMs(lower)} or ${describeMs(lower + tileMs)}`;
  }
  return Object.freeze({ name: name as WindowName, ms, tileMs });
}

function describeMs(ms: number): string {
  if (ms % DAY_MS === 0) return `'${ms / DAY_MS}d'`;
  if (ms % HOUR_MS === 0) return `'${ms / HOUR_MS}h'`;
  return `'${ms / MINUTE_MS}m'`;
}

/** ⌊x / T⌋ · T, correct for negative x too. */
export function floorTo(x: number, tileMs: number): number {
  return x - (((x % tileMs) + tileMs) % tileMs);
}

/**
 * The exclusive lower bound, in epoch ms, of window `spec` at `asOfMs`; `-Infinity` for `lifetime`.
 *
 * @example windowLowerBound(Date.UTC(2024, 0, 8), parseWindow('7d')) // Date.UTC(2024, 0, 1)
 */
export function windowLowerBound(asOfMs: number, spec: WindowSpec): number {
  if (spec.ms === null || spec.tileMs === null) return Number.NEGATIVE_INFINITY;
  return floorTo(asOfMs - spec.ms, spec.tileMs);
}

/** Whether an event at `eventMs` is inside window `spec` at `asOfMs` (the rule above, in one line). */
export function inWindow(eventMs: number, asOfMs: number, spec: WindowSpec): boolean {
  return eventMs <= asOfMs && eventMs > windowLowerBound(asOfMs, spec);
}

/** The tile index holding an event: tile `k` is `(k·T, (k+1)·T]`. */
export function tileIndex(eventMs: number, tileMs: number): number {
  return Math.ceil(eventMs / tileMs) - 1;
}
