import { type Expr, makeExpr } from './node.ts';

/**
 * A reference to another feature of the same set, for derived features. Without a window it means "the same
 * window as the derived feature" (the derived feature is then expanded per window); with one it is that output.
 *
 * @example derive(feat('likes').div(feat('posts')))          // likes_per_post_7d = likes_sum_7d / posts_count_7d
 * @example derive(feat('likes', '1d').div(feat('likes', '28d')))
 */
export function feat(name: string, window?: string): Expr<never> {
  return makeExpr<never>({ kind: 'feat', name, window: window ?? null });
}
