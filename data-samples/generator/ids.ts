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

/**
 * An id printed as a constant prefix and the eight hex digits of a 32-bit value (`po-1a2b3c4d-` +
 * `9f8e7d6c`), without building its string: the line writer prints it byte by byte. Ids are made for almost
 * every event and each would otherwise be a concatenated string to allocate and flatten before writing.
 */
export class Id {
  constructor(
    readonly prefix: Uint8Array,
    readonly value: number,
  ) {}

  toString(): string {
    return Buffer.from(this.prefix).toString('latin1') + hex8(this.value);
  }
}

/** The constant part of a family of ids, encoded once (ASCII: an id's safe characters). */
export function idPrefix(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_.:-]*$/.test(text)) throw new Error(`id prefix '${text}' has characters ids may not hold`);
  return Buffer.from(text, 'latin1');
}

/** The n-th id of a sequence as an {@link Id}: same text as `prefix + seq(key, n)`. */
export function seqId(prefix: Uint8Array, key: number, n: number): Id {
  return new Id(prefix, fmix32((n ^ key) >>> 0));
}

/** The n-th id of a sequence: `fmix32(n ^ key)`, a bijection of n. */
export function seq(key: number, n: number): string {
  return hex8(fmix32((n ^ key) >>> 0));
}
