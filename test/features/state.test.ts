import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFeatureSet } from '../../sdk/compile/index.ts';
import {
  type FeatureSetDef,
  incremental,
  parseWindow,
  type StateOps,
  tileIndex,
  type WindowSpec,
  windowLowerBound,
} from '../../sdk/features/index.ts';
import { sameValue } from './compare.ts';
import { type Duck, loadSource, loadSpine, openDuck } from './duck.ts';
import { creatorComments, creatorEngagement, creatorFollowers } from './fixtures.ts';
import { type Event, typingOf, visibleEvents } from './reference.ts';
import { commentRows, engagementRows, followerRows, rng, spineRows } from './seeded.ts';

/**
 * The incremental state of every aggregate agrees with the SQL, three ways a streaming aggregator can use
 * it: (a) add every event of the window; (b) add every visible event, then remove those the window has
 * expired (invertible aggregates); (c) one state per tile of the window, merged in a shuffled order.
 *
 * Subtracting expired events loses digits in proportion to how much more history than window was added, so
 * the remove path of float aggregates is held to 1e-6 relative; add and merge are held to the SQL tolerance.
 * (A streaming aggregator should therefore prefer merging tiles for float aggregates.)
 */
const REMOVE_TOL = 1e-6;
const CASES: { set: FeatureSetDef; rows: (seed: number) => Record<string, unknown>[]; times: string[] }[] = [
  { set: creatorEngagement, rows: engagementRows, times: ['posted_at', 'observed_at'] },
  { set: creatorFollowers, rows: followerRows, times: ['captured_at'] },
  { set: creatorComments, rows: commentRows, times: ['created_at'] },
];
const SEEDS = [3, 7, 19];

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck.close());

function fold(ops: StateOps, events: readonly Event[], inputs: (r: Record<string, unknown>) => unknown[]): unknown {
  let s = ops.init();
  for (const e of events) s = ops.add(s, inputs(e.row), e.t);
  return s;
}

describe('incremental state equals the SQL', () => {
  for (const c of CASES) {
    it(`${c.set.name}: add, remove-expired and merge-of-tiles`, async () => {
      const typing = typingOf(c.set);
      let checked = 0;
      for (const seed of SEEDS) {
        const rows = c.rows(seed);
        const spine = spineRows(seed, rows, c.times);
        await loadSource(duck, 'events', c.set.source, rows);
        await loadSpine(duck, 'spine', c.set.entity.keys, spine);
        const sqlRows = await duck.rows(compileFeatureSet(c.set, { dialect: 'duckdb', spine: { table: 'spine' }, table: 'events' }).sql);
        const shuffle = rng(seed);
        const problems: string[] = [];
        for (const sqlRow of sqlRows) {
          const asOf = (sqlRow.as_of as Date).getTime();
          const visible = visibleEvents(c.set, rows, sqlRow, asOf).sort((a, b) => a.t - b.t);
          for (const o of c.set.outputs.filter((x) => x.role === 'aggregate')) {
            const spec = c.set.features.find((f) => f.name === o.feature)?.spec;
            if (spec?.kind !== 'aggregate') continue;
            const inc = incremental(spec, typing);
            if (inc === null) continue; // batch-only aggregates (countDistinct) have no state by design
            const w = parseWindow(o.window as string) as WindowSpec;
            const lo = windowLowerBound(asOf, w);
            const inWindow = visible.filter((e) => e.t > lo);
            const expected = sqlRow[o.name];
            const float = o.type === 'float64';
            const check = (how: string, state: unknown) => {
              const got = inc.ops.read(state);
              if (!sameValue(got, expected, float, how === 'remove' ? REMOVE_TOL : undefined))
                problems.push(`${o.name} @ ${sqlRow.as_of}: ${how} ${String(got)} vs sql ${String(expected)}`);
              checked++;
            };
            check('add', fold(inc.ops, inWindow, inc.inputs));
            if (inc.ops.remove !== undefined && w.tileMs !== null) {
              let s = fold(inc.ops, visible, inc.inputs);
              for (const e of visible) if (e.t <= lo) s = inc.ops.remove(s, inc.inputs(e.row), e.t);
              check('remove', s);
            }
            const tiles = new Map<number, Event[]>();
            for (const e of inWindow) {
              const k = w.tileMs === null ? Math.floor(shuffle() * 3) : tileIndex(e.t, w.tileMs);
              tiles.set(k, [...(tiles.get(k) ?? []), e]);
            }
            const states = [...tiles.values()].map((evs) => fold(inc.ops, evs, inc.inputs)).sort(() => shuffle() - 0.5);
            check(
              'merge',
              states.reduce((a, b) => inc.ops.merge(a, b), inc.ops.init()),
            );
          }
        }
        expect(problems.slice(0, 10), `seed ${seed}`).toEqual([]);
      }
      expect(checked).toBeGreaterThan(500);
    });
  }
});
