import { toExpr } from './lit.ts';
import { type Expr, type ExprLike, makeExpr } from './node.ts';

/**
 * The first branch whose condition is true (null counts as false), else `otherwise`.
 *
 * @example caseWhen([[col('followers').lt(5_000), lit('nano')], [col('followers').lt(100_000), lit('micro')]], lit('macro'))
 */
export function caseWhen<C extends string, D extends string = never>(
  branches: readonly (readonly [Expr<C>, ExprLike<C>])[],
  otherwise: ExprLike<D> = null as unknown as ExprLike<D>,
): Expr<C | D> {
  if (branches.length === 0) throw new TypeError('caseWhen needs at least one [condition, value] branch');
  const elseNode = otherwise === null ? makeExpr({ kind: 'lit', type: 'null', value: null }) : toExpr(otherwise);
  return makeExpr<C | D>({
    kind: 'caseWhen',
    branches: Object.freeze(branches.map(([when, then]) => Object.freeze({ when, value: toExpr(then) }))),
    else: elseNode,
  });
}
