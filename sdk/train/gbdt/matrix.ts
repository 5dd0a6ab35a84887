/** A dense row-major matrix of feature values; NaN marks a missing value. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/**
 * Builds a matrix from row arrays (null/undefined become NaN).
 *
 * @example
 * const x = matrixFromRows([[1, 2], [3, null]]);
 */
export function matrixFromRows(rows: readonly (readonly (number | null | undefined)[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : (rows[0] as readonly unknown[]).length;
  const values = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = rows[i] as readonly (number | null | undefined)[];
    if (row.length !== c) throw new Error(`row ${i} has ${row.length} values, expected ${c}`);
    for (let j = 0; j < c; j++) {
      const v = row[j];
      values[i * c + j] = v === null || v === undefined ? Number.NaN : v;
    }
  }
  return { rows: r, cols: c, values };
}

/** The rows of `m` at `index`, in that order. */
export function takeRows(m: Matrix, index: ArrayLike<number>): Matrix {
  const values = new Float64Array(index.length * m.cols);
  for (let i = 0; i < index.length; i++) {
    const src = (index[i] as number) * m.cols;
    values.set(m.values.subarray(src, src + m.cols), i * m.cols);
  }
  return { rows: index.length, cols: m.cols, values };
}
