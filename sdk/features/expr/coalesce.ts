import { toExpr } from './lit.ts';
import { type Expr, type ExprArg, type ExprLike, makeExpr } from './node.ts';

/** The first non-null argument. @example coalesce(col('views'), col('impressions'), 0) */
export function coalesce<C extends string = never>(first: ExprArg<C>, ...rest: ExprLike<C>[]): Expr<C> {
  return makeExpr<C>({ kind: 'coalesce', args: Object.freeze([first, ...rest.map((r) => toExpr(r))]) });
}
