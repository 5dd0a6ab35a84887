import { toExpr } from './lit.ts';
import { builders, type CompareOp, type Expr, type ExprLike, makeExpr } from './node.ts';

function compare<A extends string = never, B extends string = never>(op: CompareOp, l: ExprLike<A>, r: ExprLike<B>): Expr<A | B> {
  return makeExpr<A | B>({ kind: 'compare', op, left: toExpr(l), right: toExpr(r) });
}
builders.compare = compare;

/** @example eq(col('platform'), lit('instagram')) */
export const eq = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => compare('=', a, b);
/** @example neq(col('platform'), lit('tiktok')) */
export const neq = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => compare('<>', a, b);
/** @example lt(col('likes'), 10) */
export const lt = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => compare('<', a, b);
/** @example lte(col('likes'), 10) */
export const lte = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => compare('<=', a, b);
/** @example gt(col('followers'), 100_000) */
export const gt = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => compare('>', a, b);
/** @example gte(col('followers'), 100_000) */
export const gte = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => compare('>=', a, b);
