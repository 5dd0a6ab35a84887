/**
 * Seeded worlds shared by the generator tests, generated once per test file (vitest isolates files) and
 * kept in memory as parsed rows.
 */
import { generateWorld, memorySink, type WorldOptions, type WorldRows, worldOptions } from '../../data-samples/generator/index.ts';

const cache = new Map<string, Promise<WorldRows>>();

/** Rows of a world; the same options in one file give the same (cached) rows. */
export function worldRows(options: WorldOptions): Promise<WorldRows> {
  const key = JSON.stringify(options);
  let rows = cache.get(key);
  if (rows === undefined) {
    rows = (async () => {
      const sink = memorySink();
      await generateWorld(options, sink);
      return sink.rows;
    })();
    cache.set(key, rows);
  }
  return rows;
}

/** Many creators, a short history: every follower bucket well populated (calibration). */
export const WIDE = worldOptions('s', 20240101, { creators: 1000, days: 40 });
/** Fewer creators, a long history: frauds start midway with a before and an after (ground truth). */
export const LONG = worldOptions('s', 7, { creators: 400, days: 90 });
