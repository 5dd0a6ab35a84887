import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  inWindow,
  MINUTE_MS,
  parseWindow,
  tileIndex,
  type WindowSpec,
  windowLowerBound,
} from '../../sdk/features/index.ts';

const w = (name: string) => parseWindow(name) as WindowSpec;
const T = Date.UTC(2024, 2, 10);

describe('windows and the boundary rule', () => {
  it('parses names and picks tile sizes like Chronon hops', () => {
    expect(w('1h')).toEqual({ name: '1h', ms: HOUR_MS, tileMs: 5 * MINUTE_MS });
    expect(w('1d').tileMs).toBe(HOUR_MS);
    expect(w('7d').tileMs).toBe(HOUR_MS);
    expect(w('28d').tileMs).toBe(DAY_MS);
    expect(w('lifetime')).toEqual({ name: 'lifetime', ms: null, tileMs: null });
    expect(parseWindow('7x')).toMatch(/bad window/);
    expect(parseWindow('13m')).toMatch(/'10m' or '15m'/);
  });

  it('is exactly (as_of − w, as_of] when as_of is on a tile boundary', () => {
    expect(inWindow(T, T, w('7d'))).toBe(true);
    expect(inWindow(T - 7 * DAY_MS, T, w('7d'))).toBe(false);
    expect(inWindow(T - 7 * DAY_MS + 1, T, w('7d'))).toBe(true);
    expect(inWindow(T + 1, T, w('7d'))).toBe(false);
  });

  it('widens the tail down to the previous tile boundary otherwise', () => {
    const asOf = T + 30 * MINUTE_MS;
    expect(windowLowerBound(asOf, w('7d'))).toBe(T - 7 * DAY_MS);
    expect(inWindow(T - 7 * DAY_MS + 1, asOf, w('7d'))).toBe(true);
    expect(windowLowerBound(asOf, w('28d'))).toBe(T - 28 * DAY_MS);
    expect(windowLowerBound(asOf, w('lifetime'))).toBe(Number.NEGATIVE_INFINITY);
  });

  it('puts an event on a boundary in the tile that ends there (tiles are (kT, (k+1)T])', () => {
    expect(tileIndex(T, HOUR_MS)).toBe(T / HOUR_MS - 1);
    expect(tileIndex(T + 1, HOUR_MS)).toBe(T / HOUR_MS);
  });

  it('is the union of whole tiles after the lower bound, for any as_of', () => {
    for (const asOf of [T + 1, T + 17 * MINUTE_MS + 3, T + 23 * HOUR_MS + 59 * MINUTE_MS]) {
      const spec = w('1d');
      const lo = windowLowerBound(asOf, spec);
      expect(lo % (spec.tileMs as number)).toBe(0);
      expect(asOf - lo).toBeGreaterThanOrEqual(spec.ms as number);
      expect(asOf - lo).toBeLessThan((spec.ms as number) + (spec.tileMs as number));
    }
  });
});
