import { col } from '../expr/col.ts';
import type { ColsOf, Expr, ExprArg } from '../expr/node.ts';

/** Type-level placeholder: "the TypeScript type of the aggregate's input", resolved by InferFeatureRow. */
export interface SameAsInput {
  readonly __sameAsInput: true;
}
/** Type-level placeholder: "a list of the input's TypeScript type". */
export interface ListOfInput {
  readonly __listOfInput: true;
}

/** A column name or an expression, as every aggregate accepts. */
export type AggInput = string | ExprArg<string>;

/** The columns an aggregate input reads (a name, or the phantom of an expression). */
export type ColumnsOf<A> = A extends string ? A : ColsOf<A>;

export function inputExpr(x: AggInput): Expr {
  return typeof x === 'string' ? col(x) : (x as Expr);
}

/** Total order on the values aggregates compare (SQL order for the types the layer supports; nulls excluded). */
export function compareValues(a: unknown, b: unknown): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `(eventMs, value)` tuples ordered as the SQL orders them for first/last/lastK. */
export function compareKeyed(at: number, a: unknown, bt: number, b: unknown): number {
  return at !== bt ? at - bt : compareValues(a, b);
}

export const toNum = (v: unknown): number => (v instanceof Date ? v.getTime() : Number(v));
export const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;
