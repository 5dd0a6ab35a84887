import type { ExprArg, ExprNode } from './expr/node.ts';

/**
 * A feature computed from other features of the same set, row by row (no aggregation).
 * `perWindow`: expanded once per window of the set, `feat('x')` meaning x in that window (`er_7d`);
 * otherwise a single output named after its key whose references name their windows.
 */
export interface DerivedSpec<Out = number | null, PerWindow extends boolean = boolean> {
  readonly kind: 'derived';
  readonly expr: ExprNode;
  readonly perWindow: PerWindow;
  readonly __out?: Out;
}

/**
 * A derived feature, one per window.
 *
 * @example likes_per_post: derive(safeDiv(feat('likes'), feat('posts')))  // likes_per_post_7d
 */
export function derive<Out = number | null>(expr: ExprArg): DerivedSpec<Out, true> {
  return Object.freeze({ kind: 'derived', expr, perWindow: true });
}

/**
 * A derived feature across windows: one output named after its key; every reference names its window.
 *
 * @example likes_momentum: deriveAcross(safeDiv(feat('likes', '1d'), feat('likes', '28d')))  // likes_momentum
 */
export function deriveAcross<Out = number | null>(expr: ExprArg): DerivedSpec<Out, false> {
  return Object.freeze({ kind: 'derived', expr, perWindow: false });
}
