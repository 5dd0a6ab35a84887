/**
 * One regression tree in flat arrays (cheap to serialize to JSON and to walk).
 * Node i is internal; a child index < 0 refers to leaf `~child`.
 */
export interface Tree {
  readonly feature: Int32Array;
  /** Raw-value threshold: go left when `v <= threshold`. */
  readonly threshold: Float64Array;
  /** Binned threshold (code): go left when `1 <= code <= thresholdCode`. */
  readonly thresholdCode: Int32Array;
  /** Where a missing value (NaN) goes. */
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly leafValue: Float64Array;
}

/** Leaf index reached by a raw feature row. */
export function leafOf(tree: Tree, row: Float64Array, offset: number): number {
  if (tree.leafValue.length === 1) return 0;
  let node = 0;
  while (true) {
    const v = row[offset + (tree.feature[node] as number)] as number;
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= (tree.threshold[node] as number);
    const next = goLeft ? (tree.left[node] as number) : (tree.right[node] as number);
    if (next < 0) return ~next;
    node = next;
  }
}

/** Leaf index reached by a binned row (same splits, evaluated on codes). */
export function leafOfBinned(tree: Tree, codes: Uint8Array, offset: number): number {
  if (tree.leafValue.length === 1) return 0;
  let node = 0;
  while (true) {
    const c = codes[offset + (tree.feature[node] as number)] as number;
    const goLeft = c === 0 ? tree.missingLeft[node] === 1 : c <= (tree.thresholdCode[node] as number);
    const next = goLeft ? (tree.left[node] as number) : (tree.right[node] as number);
    if (next < 0) return ~next;
    node = next;
  }
}

/** JSON form of a tree (typed arrays as plain arrays). */
export function treeToJSON(tree: Tree): Record<string, number[]> {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]));
}

export function treeFromJSON(json: Record<string, number[]>): Tree {
  const f = (k: string): number[] => {
    const v = json[k];
    if (!Array.isArray(v)) throw new Error(`tree JSON lacks '${k}'`);
    return v;
  };
  return {
    feature: Int32Array.from(f('feature')),
    threshold: Float64Array.from(f('threshold')),
    thresholdCode: Int32Array.from(f('thresholdCode')),
    missingLeft: Uint8Array.from(f('missingLeft')),
    left: Int32Array.from(f('left')),
    right: Int32Array.from(f('right')),
    leafValue: Float64Array.from(f('leafValue')),
  };
}
