import { builders, type Expr, type ExprArg, makeExpr } from './node.ts';

/** True when the value is null (never null itself). @example count(isNull(col('bio'))) */
export function isNull<C extends string = never>(arg: ExprArg<C>): Expr<C> {
  return makeExpr<C>({ kind: 'isNull', arg });
}
builders.isNull = isNull;
