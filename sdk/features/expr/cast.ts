import { builders, type CastNode, type Expr, type ExprArg, makeExpr } from './node.ts';

/**
 * A conversion. float64 → int64 truncates toward zero in every engine (the engines' own casts round
 * differently, so the generator writes the truncation out); string → int64 parses a number and truncates it
 * (null when the text is not a number); string → float64 parses (null when it does not).
 *
 * @example cast(col('followers'), 'float64')
 */
export function cast<C extends string = never>(arg: ExprArg<C>, to: CastNode['to']): Expr<C> {
  return makeExpr<C>({ kind: 'cast', arg, to });
}
builders.cast = cast;
