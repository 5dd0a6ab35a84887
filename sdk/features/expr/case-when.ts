import { toExpr } from './lit.ts';
import { type ColsOf, type Expr, type ExprArg, type ExprLike, makeExpr } from './node.ts';

/**
 * The first branch whose condition is true (null counts as false), else `otherwise`.
 *
 * @example caseWhen([[col('followers').lt(5_000), lit('nano')], [col('followers').lt(100_000), lit('micro')]], lit('macro'))
 */
export function caseWhen<const B extends readonly (readonly [ExprArg<string>, ExprLike<string>])[], D extends string = never>(
  branches: B,
  otherwise: ExprLike<D> = null as unknown as ExprLike<D>,
): Expr<ColsOf<B[number][0]> | ColsOf<B[number][1]> | D> {
  if (branches.length === 0) throw new TypeError('caseWhen needs at least one [condition, value] branch');
  const elseNode = otherwise === null ? makeExpr({ kind: 'lit', type: 'null', value: null }) : toExpr(otherwise);
  return makeExpr({
    kind: 'caseWhen',
    branches: Object.freeze(branches.map(([when, then]) => Object.freeze({ when, value: toExpr(then) }))),
    else: elseNode,
  });
}
