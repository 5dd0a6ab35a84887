import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name nearest to `name`, when it is near enough to be a plausible typo.
 *
 * @example suggest('follower', ['followers', 'following']) // 'followers'
 */
export function suggest(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(name, [...known]);
  return distance(name, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** `" — did you mean 'x'?"` or the empty string. */
export function didYouMean(name: string, known: readonly string[]): string {
  const s = suggest(name, known);
  return s === undefined ? '' : ` — did you mean '${s}'?`;
}
