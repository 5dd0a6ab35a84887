import { builders, type Expr, type ExprArg, makeExpr } from './node.ts';

/** Negation (null stays null). @example not(col('is_ad')) */
export function not<C extends string = never>(arg: ExprArg<C>): Expr<C> {
  return makeExpr<C>({ kind: 'not', arg });
}
builders.not = not;
