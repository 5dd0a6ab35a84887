/**
 * Time and chance, injectable: retries wait on a `Clock` and draw jitter from a `random` function, so
 * tests replace both and assert exact delays without sleeping.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A clock that only moves when slept on: `sleep` records the delay, advances time and resolves at once.
 *
 * @example
 * const clock = new FakeClock(0);
 * await clock.sleep(250);
 * clock.sleeps; // [250]
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** The SDK's seeded generator, under the name this module has always exported. */
export { seeded as seededRandom } from '../util/random.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included; 1 disables retries. */
  readonly maxAttempts: number;
  /** Ceiling of the first wait; doubles on each retry. */
  readonly baseDelayMs: number;
  /** Ceiling of any single wait. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000 };

/**
 * The wait before retry number `retry` (1 for the first retry): exponential with "equal jitter" — half
 * of the ceiling fixed, half random — so waits grow and clients that failed together spread out.
 *
 * @example
 * backoffDelay(1, DEFAULT_RETRY, () => 0.5); // 150: ceiling 200, 100 fixed + 0.5 × 100
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
