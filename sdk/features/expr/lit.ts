import './methods.ts';
import type { ValueType } from '../value-type.ts';
import { type Expr, type ExprLike, isExpr, type LitNode, makeExpr } from './node.ts';

/**
 * A constant. Integers become int64, other numbers float64; give `type` for a typed null.
 *
 * @example lit(1000) · lit(0.5) · lit('instagram') · lit(null, 'float64') · lit(new Date('2024-01-01T00:00:00Z'))
 */
export function lit(value: number | bigint | string | boolean | Date | null, type?: ValueType): Expr<never> {
  return makeExpr(litNode(value, type));
}

function litNode(value: number | bigint | string | boolean | Date | null, type?: ValueType): LitNode {
  if (value === null) return { kind: 'lit', type: type ?? 'null', value: null };
  if (typeof value === 'bigint') return { kind: 'lit', type: 'int64', value: value.toString() };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`lit(${value}): only finite numbers are literals`);
    const t = type ?? (Number.isInteger(value) ? 'int64' : 'float64');
    return { kind: 'lit', type: t, value: t === 'int64' ? String(value) : value };
  }
  if (typeof value === 'string') return { kind: 'lit', type: 'string', value };
  if (typeof value === 'boolean') return { kind: 'lit', type: 'bool', value };
  return { kind: 'lit', type: 'timestamp', value: value.toISOString() };
}

/** Turns a JS value in an expression position into a literal; expressions pass through. */
export function toExpr<C extends string = never>(x: ExprLike<C>): Expr<C> {
  return isExpr(x) ? (x as Expr<C>) : (lit(x as number | bigint | boolean) as Expr<C>);
}
