import type { GbdtParams } from './params.ts';
import type { Tree } from './tree.ts';

/** Binned training data shared by every tree of one boosting run. */
export interface BinnedData {
  readonly rows: number;
  readonly cols: number;
  /** Row-major codes: rows × cols; row-major because a leaf's histogram reads whole rows at a time. */
  readonly codes: Uint8Array;
  /** Histogram offset of each feature's codes; `offsets[cols]` is the total number of codes. */
  readonly offsets: Int32Array;
}

interface Split {
  gain: number;
  feature: number;
  code: number;
  missingLeft: boolean;
  leftG: number;
  leftH: number;
  leftC: number;
}

interface Leaf {
  start: number;
  end: number;
  g: number;
  h: number;
  depth: number;
  /** Parent node and side, so the parent's child pointer can be rewritten when this leaf splits. */
  parent: number;
  isLeft: boolean;
  /** Per (feature, code): gradient sum, hessian sum, row count, interleaved for locality. */
  hist: Float64Array;
  best: Split | null;
}

/** The result of growing one tree: the tree plus, for the rows it saw, which leaf each landed in. */
export interface GrownTree {
  readonly tree: Tree;
  /** `rowIndex[leafStart[l] .. leafEnd[l])` are the rows in leaf l. */
  readonly rowIndex: Int32Array;
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
  /** Split gains per feature, for importance. */
  readonly gains: readonly { feature: number; gain: number }[];
}

/**
 * Grows one tree leaf-wise (best-first, as LightGBM does): always split the leaf with the largest gain,
 * building the smaller child's histogram from its rows and the larger one by subtraction from the parent.
 */
export function growTree(
  data: BinnedData,
  grad: Float64Array,
  hess: Float64Array,
  rows: Int32Array,
  features: Uint8Array,
  thresholds: readonly Float64Array[],
  p: GbdtParams,
): GrownTree {
  const totalCodes = data.offsets[data.cols] as number;
  const idx = rows;
  const tmp = new Int32Array(idx.length);
  const alloc = () => ({ hist: new Float64Array(totalCodes * 3) });

  const nodes = {
    feature: [] as number[],
    code: [] as number[],
    thr: [] as number[],
    miss: [] as number[],
    left: [] as number[],
    right: [] as number[],
  };
  const gains: { feature: number; gain: number }[] = [];

  const root = alloc();
  buildHistogram(data, grad, hess, idx, 0, idx.length, root.hist);
  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < idx.length; i++) {
    g0 += grad[idx[i] as number] as number;
    h0 += hess[idx[i] as number] as number;
  }
  const leaves: Leaf[] = [{ start: 0, end: idx.length, g: g0, h: h0, depth: 0, parent: -1, isLeft: true, ...root, best: null }];
  (leaves[0] as Leaf).best = bestSplit(data, leaves[0] as Leaf, features, p);

  while (leaves.length < p.numLeaves) {
    let pick = -1;
    let pickGain = p.minGainToSplit;
    for (let l = 0; l < leaves.length; l++) {
      const b = (leaves[l] as Leaf).best;
      if (b && b.gain > pickGain) {
        pick = l;
        pickGain = b.gain;
      }
    }
    if (pick < 0) break;
    const leaf = leaves[pick] as Leaf;
    const s = leaf.best as Split;
    gains.push({ feature: s.feature, gain: s.gain });

    // Partition the leaf's rows in place: left rows first, then right rows.
    const F = data.cols;
    let nl = leaf.start;
    let nr = 0;
    for (let i = leaf.start; i < leaf.end; i++) {
      const r = idx[i] as number;
      const c = data.codes[r * F + s.feature] as number;
      if (c === 0 ? s.missingLeft : c <= s.code) idx[nl++] = r;
      else tmp[nr++] = r;
    }
    idx.set(tmp.subarray(0, nr), nl);

    const node = nodes.feature.length;
    nodes.feature.push(s.feature);
    nodes.code.push(s.code);
    nodes.thr.push((thresholds[s.feature] as Float64Array)[s.code - 1] as number);
    nodes.miss.push(s.missingLeft ? 1 : 0);
    const rightLeafId = leaves.length;
    nodes.left.push(~pick);
    nodes.right.push(~rightLeafId);
    if (leaf.parent >= 0) {
      if (leaf.isLeft) nodes.left[leaf.parent] = node;
      else nodes.right[leaf.parent] = node;
    }

    const leftLeaf: Leaf = {
      start: leaf.start,
      end: nl,
      g: s.leftG,
      h: s.leftH,
      depth: leaf.depth + 1,
      parent: node,
      isLeft: true,
      hist: leaf.hist,
      best: null,
    };
    const fresh = alloc();
    const rightLeaf: Leaf = {
      start: nl,
      end: leaf.end,
      g: leaf.g - s.leftG,
      h: leaf.h - s.leftH,
      depth: leaf.depth + 1,
      parent: node,
      isLeft: false,
      hist: fresh.hist,
      best: null,
    };
    // Histogram subtraction: scan only the smaller child; the larger is parent − smaller, computed in
    // the parent's buffer.
    const [small, large] = nl - leaf.start <= leaf.end - nl ? [leftLeaf, rightLeaf] : [rightLeaf, leftLeaf];
    if (small === leftLeaf) {
      // left currently aliases the parent buffer: swap so the small child gets the fresh buffer
      leftLeaf.hist = fresh.hist;
      rightLeaf.hist = leaf.hist;
    }
    buildHistogram(data, grad, hess, idx, small.start, small.end, small.hist);
    const lh = large.hist;
    const sh = small.hist;
    for (let k = 0; k < lh.length; k++) lh[k] = (lh[k] as number) - (sh[k] as number);

    leaves[pick] = leftLeaf;
    leaves.push(rightLeaf);
    const canGrow = p.maxDepth < 0 || leaf.depth + 1 < p.maxDepth;
    leftLeaf.best = canGrow ? bestSplit(data, leftLeaf, features, p) : null;
    rightLeaf.best = canGrow ? bestSplit(data, rightLeaf, features, p) : null;
  }

  const leafValue = new Float64Array(leaves.length);
  const leafStart = new Int32Array(leaves.length);
  const leafEnd = new Int32Array(leaves.length);
  for (let l = 0; l < leaves.length; l++) {
    const leaf = leaves[l] as Leaf;
    leafValue[l] = (-leaf.g / (leaf.h + p.lambdaL2)) * p.learningRate;
    leafStart[l] = leaf.start;
    leafEnd[l] = leaf.end;
  }
  const tree: Tree = {
    feature: Int32Array.from(nodes.feature),
    threshold: Float64Array.from(nodes.thr),
    thresholdCode: Int32Array.from(nodes.code),
    missingLeft: Uint8Array.from(nodes.miss),
    left: Int32Array.from(nodes.left),
    right: Int32Array.from(nodes.right),
    leafValue,
  };
  return { tree, rowIndex: idx, leafStart, leafEnd, gains };
}

/** Sums gradient, hessian and count per (feature, code) over rows idx[start, end): the hot loop. */
export function buildHistogram(
  data: BinnedData,
  grad: Float64Array,
  hess: Float64Array,
  idx: Int32Array,
  start: number,
  end: number,
  hist: Float64Array,
): void {
  hist.fill(0);
  const F = data.cols;
  const codes = data.codes;
  const off = data.offsets;
  for (let i = start; i < end; i++) {
    const r = idx[i] as number;
    const g = grad[r] as number;
    const h = hess[r] as number;
    const base = r * F;
    for (let j = 0; j < F; j++) {
      const k = 3 * ((off[j] as number) + (codes[base + j] as number));
      hist[k] += g;
      hist[k + 1] += h;
      hist[k + 2] += 1;
    }
  }
}

function bestSplit(data: BinnedData, leaf: Leaf, features: Uint8Array, p: GbdtParams): Split | null {
  const n = leaf.end - leaf.start;
  if (n < 2 * p.minDataInLeaf || leaf.h < 2 * p.minSumHessianInLeaf) return null;
  const lambda = p.lambdaL2;
  const minData = p.minDataInLeaf;
  const minHess = p.minSumHessianInLeaf;
  const G = leaf.g;
  const H = leaf.h;
  const parentScore = (G * G) / (H + lambda);
  let bestGain = Number.NEGATIVE_INFINITY;
  let best: Split | null = null;
  const hist = leaf.hist;
  for (let j = 0; j < data.cols; j++) {
    if (features[j] === 0) continue;
    const o = data.offsets[j] as number;
    const nc = (data.offsets[j + 1] as number) - o;
    const mg = hist[3 * o] as number;
    const mh = hist[3 * o + 1] as number;
    const mc = hist[3 * o + 2] as number;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // The last code cannot be a threshold: everything would go left.
    for (let c = 1; c < nc - 1; c++) {
      const k = 3 * (o + c);
      const cc = hist[k + 2] as number;
      if (cc === 0) continue; // same partition as the previous threshold
      gl += hist[k] as number;
      hl += hist[k + 1] as number;
      cl += cc;
      // missing values to the right
      let CL = cl;
      let CR = n - CL;
      if (CL >= minData && CR >= minData) {
        const HR = H - hl;
        if (hl >= minHess && HR >= minHess) {
          const GR = G - gl;
          const gain = (gl * gl) / (hl + lambda) + (GR * GR) / (HR + lambda) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            best = { gain, feature: j, code: c, missingLeft: mc === 0 && hl >= HR, leftG: gl, leftH: hl, leftC: CL };
          }
        }
      }
      if (mc === 0) continue;
      // missing values to the left
      CL = cl + mc;
      CR = n - CL;
      if (CL < minData || CR < minData) continue;
      const GL = gl + mg;
      const HL = hl + mh;
      const HR = H - HL;
      if (HL < minHess || HR < minHess) continue;
      const GR = G - GL;
      const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { gain, feature: j, code: c, missingLeft: true, leftG: GL, leftH: HL, leftC: CL };
      }
    }
  }
  return best;
}
