import { toExpr } from './lit.ts';
import { type ArithOp, builders, type Expr, type ExprLike, makeExpr } from './node.ts';

function arith<A extends string = never, B extends string = never>(op: ArithOp, l: ExprLike<A>, r: ExprLike<B>): Expr<A | B> {
  return makeExpr<A | B>({ kind: 'arith', op, left: toExpr(l), right: toExpr(r) });
}
builders.arith = arith;

/** `a + b` (int64 when both are int64, else float64). @example add(col('likes'), col('comments')) */
export const add = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => arith('+', a, b);
/** `a - b`. @example sub(col('followers'), col('followers_prev')) */
export const sub = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => arith('-', a, b);
/** `a * b`. @example mul(col('likes'), 100) */
export const mul = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => arith('*', a, b);
/**
 * Float division; a zero divisor gives null in every engine and in TypeScript.
 *
 * @example div(col('likes'), col('followers'))
 */
export const div = <A extends string = never, B extends string = never>(a: ExprLike<A>, b: ExprLike<B>) => arith('/', a, b);
