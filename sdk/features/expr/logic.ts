import { builders, type Expr, type ExprArg, makeExpr } from './node.ts';

function logic<C extends string = never>(op: 'and' | 'or', args: readonly ExprArg<C>[]): Expr<C> {
  if (args.length === 0) throw new TypeError(`${op}() needs at least one condition`);
  return makeExpr<C>({ kind: 'logic', op, args: Object.freeze([...args]) });
}
builders.logic = logic;

/** All conditions hold (SQL three-valued logic). @example and(col('likes').gt(0), col('is_ad').not()) */
export const and = <C extends string = never>(...args: ExprArg<C>[]): Expr<C> => logic('and', args);
/** Any condition holds (SQL three-valued logic). @example or(col('platform').eq(lit('tiktok')), col('is_ad')) */
export const or = <C extends string = never>(...args: ExprArg<C>[]): Expr<C> => logic('or', args);
