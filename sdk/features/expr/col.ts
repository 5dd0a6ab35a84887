import './methods.ts';
import { type Expr, makeExpr } from './node.ts';

/**
 * A column of the feature set's source, checked against the source's columns when the set is defined
 * (at the type level inside `defineFeatureSet`, and by validation with a did-you-mean).
 *
 * @example sum(col('likes').plus(col('comments')))
 */
export function col<N extends string = never>(name: N): Expr<N> {
  return makeExpr<N>({ kind: 'col', name });
}
