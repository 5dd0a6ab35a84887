import type { Tier } from '../../sdk/contracts/index.ts';

/** The named sizes. Events per creator-day are about 8, so `m` is ~1M events and `l` ~20M. */
export const SCALES = Object.freeze({
  xs: Object.freeze({ creators: 30, days: 60 }),
  s: Object.freeze({ creators: 400, days: 120 }),
  m: Object.freeze({ creators: 1_000, days: 120 }),
  l: Object.freeze({ creators: 10_000, days: 240 }),
});
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.freeze(Object.keys(SCALES) as ScaleName[]);

/** Everything that shapes a world. Same options ⇒ the same events, byte for byte. */
export interface WorldOptions {
  readonly scale: ScaleName | 'custom';
  readonly seed: number;
  readonly creators: number;
  readonly days: number;
  /** First day of history (UTC), `YYYY-MM-DD`. Fixed, never "today": worlds must not depend on the clock. */
  readonly start: string;
  /** Share of creators per tier at registration. */
  readonly tierMix: Readonly<Record<Tier, number>>;
  /** Probability that a creator of a tier commits fraud at some point of the history. */
  readonly fraudPrevalence: Readonly<Record<Tier, number>>;
  /** Days after a campaign's end before its outcome is known (the attribution window). */
  readonly maturityDays: number;
}

/**
 * Defaults. The tier mix over-represents big creators compared with the real population (which is mostly
 * nano) so that every follower bucket has enough creators to calibrate and learn from. Fraud is most
 * common among micro creators and rarest among mega ones, as HypeAuditor reports.
 */
export const DEFAULT_OPTIONS = Object.freeze({
  start: '2024-01-01',
  tierMix: Object.freeze({ nano: 0.4, micro: 0.3, mid: 0.15, macro: 0.08, mega: 0.07 }),
  fraudPrevalence: Object.freeze({ nano: 0.3, micro: 0.4, mid: 0.25, macro: 0.15, mega: 0.1 }),
  maturityDays: 14,
});

/**
 * The options of a named scale, with overrides.
 *
 * @example worldOptions('xs', 42) // { scale: 'xs', seed: 42, creators: 60, days: 90, … }
 */
export function worldOptions(scale: ScaleName, seed: number, overrides: Partial<Omit<WorldOptions, 'scale' | 'seed'>> = {}): WorldOptions {
  const size = SCALES[scale];
  if (size === undefined) throw new RangeError(`unknown scale '${scale}': use one of ${SCALE_NAMES.join(', ')}`);
  return Object.freeze({ scale, seed, ...DEFAULT_OPTIONS, ...size, ...overrides });
}
