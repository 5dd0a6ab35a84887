/**
 * Quantile binning of one feature, as histogram GBDTs (LightGBM, XGBoost `hist`) do: split search then
 * runs over at most `maxBin` candidate thresholds per feature instead of every distinct value.
 *
 * Code 0 is reserved for missing values (NaN); value codes are 1..bounds.length+1, where code c means
 * `bounds[c-2] < v <= bounds[c-1]`. A split "≤ bounds[c-1]" therefore sends codes 1..c left.
 */
export interface FeatureBins {
  /** Sorted upper bounds of all bins but the last. */
  readonly bounds: Float64Array;
  /** Number of codes including the missing code 0: `bounds.length + 2`. */
  readonly codes: number;
}

/** Finds bin bounds from a sample of the column's values (NaN ignored). */
export function fitBins(values: Float64Array, maxBin: number): FeatureBins {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  if (present.length === 0) return { bounds: new Float64Array(0), codes: 2 };
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < present.length; i++) {
    const v = present[i] as number;
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const bounds: number[] = [];
  if (distinct.length <= maxBin) {
    for (let i = 0; i + 1 < distinct.length; i++) bounds.push(midpoint(distinct[i] as number, distinct[i + 1] as number));
  } else {
    // Equal-frequency cuts over the sorted sample, snapped to midpoints between distinct values so that
    // a heavy repeated value never straddles two bins.
    const perBin = present.length / maxBin;
    let acc = 0;
    let next = perBin;
    for (let i = 0; i + 1 < distinct.length; i++) {
      acc += counts[i] as number;
      if (acc >= next) {
        bounds.push(midpoint(distinct[i] as number, distinct[i + 1] as number));
        while (next <= acc) next += perBin;
        if (bounds.length >= maxBin - 1) break;
      }
    }
  }
  return { bounds: Float64Array.from(bounds), codes: bounds.length + 2 };
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Keep the bound strictly below b so that "v <= bound" holds for a and not for b.
  return m < b ? m : a;
}

/** The code of one value under `bins` (binary search). */
export function binCode(bins: FeatureBins, v: number): number {
  if (Number.isNaN(v)) return 0;
  const b = bins.bounds;
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((b[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
