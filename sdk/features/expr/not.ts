import { builders, type Expr, makeExpr } from './node.ts';

/** Negation (null stays null). @example not(col('is_ad')) */
export function not<C extends string>(arg: Expr<C>): Expr<C> {
  return makeExpr<C>({ kind: 'not', arg });
}
builders.not = not;
