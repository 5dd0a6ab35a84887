import { fmix32, mixKey } from './prng.ts';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight lower-case hex digits of a 32-bit integer. */
export function hex8(x: number): string {
  return (HEX[(x >>> 24) & 255] as string) + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
}

/**
 * Identifiers derived from the seed. Each is a bijection of a counter (`fmix32(counter ^ key)`), so ids are
 * unique by construction (no collision to hope against) and still look random and change with the seed.
 */
export class IdSpace {
  private readonly key: number;

  constructor(seed: number) {
    this.key = mixKey(seed, 0x1d5);
  }

  /** A stable 8-hex code for entity `index` of `kind` (creators, brands…): unique per kind. */
  code(kind: number, index: number): string {
    return hex8(fmix32((index ^ mixKey(this.key, kind)) >>> 0));
  }

  /** A key for one sequence (one creator's posts, say): `seq(key, n)` is then unique for every n < 2^32. */
  sequenceKey(...parts: readonly number[]): number {
    return mixKey(this.key, ...parts);
  }
}

/** The n-th id of a sequence: `fmix32(n ^ key)`, a bijection of n. */
export function seq(key: number, n: number): string {
  return hex8(fmix32((n ^ key) >>> 0));
}
