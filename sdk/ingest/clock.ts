/** Wall-clock time for pacing; tests pass a fake one so nothing depends on the real clock. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = Object.freeze({
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
});

/**
 * A clock that only moves when slept on: pacing becomes exact and instantaneous in tests.
 *
 * @example const clock = fakeClock(); await clock.sleep(1000); clock.now(); // 1000
 */
export function fakeClock(start = 0): Clock & { readonly slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    async sleep(ms) {
      slept.push(ms);
      t += Math.max(0, ms);
    },
  };
}
