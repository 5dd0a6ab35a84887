import { IssuesError } from '../errors/index.ts';

/** How fast replay runs: as fast as the broker takes it, or a multiple of real (event) time. */
export type ReplaySpeed = { readonly kind: 'max' } | { readonly kind: 'multiple'; readonly factor: number };

/**
 * Parses `max` or `<n>x` (`10x`, `3600x`, `0.5x`).
 *
 * @example parseSpeed('10x') // { kind: 'multiple', factor: 10 }
 */
export function parseSpeed(text: string): ReplaySpeed {
  if (text === 'max') return { kind: 'max' };
  const m = /^(\d+(?:\.\d+)?)x$/.exec(text);
  const factor = m === null ? Number.NaN : Number(m[1]);
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new IssuesError('bad replay speed', [
      {
        code: 'ingest.speed',
        path: 'speed',
        message: `'${text}' is not a speed: use 'max' or a multiple of real time such as '10x' or '3600x'`,
      },
    ]);
  }
  return { kind: 'multiple', factor };
}
