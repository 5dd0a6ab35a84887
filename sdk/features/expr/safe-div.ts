import { toExpr } from './lit.ts';
import { type Expr, type ExprLike, makeExpr } from './node.ts';

/**
 * `a / b` as float, or `fallback` (default null) when `b` is zero or null.
 *
 * @example safeDiv(col('likes').plus(col('comments')), col('followers'), 0)
 */
export function safeDiv<A extends string = never, B extends string = never, F extends string = never>(
  a: ExprLike<A>,
  b: ExprLike<B>,
  fallback: ExprLike<F> | null = null,
): Expr<A | B | F> {
  const fb = fallback === null ? makeExpr({ kind: 'lit', type: 'null', value: null }) : toExpr(fallback);
  return makeExpr<A | B | F>({ kind: 'safeDiv', left: toExpr(a), right: toExpr(b), fallback: fb });
}
