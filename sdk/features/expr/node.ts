import type { ValueType } from '../value-type.ts';

/**
 * An expression node: frozen plain data with a `kind` (what `JSON.stringify` and the content hash see), plus
 * chaining methods inherited from a shared prototype (`col('likes').plus(col('comments'))`), which are not data.
 *
 * `C` is the union of column names the expression reads, kept at the type level so that `defineFeatureSet`
 * can reject a column its source does not have before anything runs.
 */
export type Expr<C extends string = string> = ExprNode & ExprMethods<C> & { readonly __columns?: C };

export type ExprNode =
  | ColNode
  | LitNode
  | ArithNode
  | CompareNode
  | LogicNode
  | NotNode
  | IsNullNode
  | CaseWhenNode
  | CoalesceNode
  | CastNode
  | SafeDivNode
  | FeatNode;

export interface ColNode {
  readonly kind: 'col';
  readonly name: string;
}
export interface LitNode {
  readonly kind: 'lit';
  readonly type: ValueType | 'null';
  /** JSON-safe: int64 as a decimal string, timestamp as an ISO string. */
  readonly value: string | number | boolean | null;
}
export type ArithOp = '+' | '-' | '*' | '/';
export interface ArithNode {
  readonly kind: 'arith';
  readonly op: ArithOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
}
export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export interface CompareNode {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
}
export interface LogicNode {
  readonly kind: 'logic';
  readonly op: 'and' | 'or';
  readonly args: readonly ExprNode[];
}
export interface NotNode {
  readonly kind: 'not';
  readonly arg: ExprNode;
}
export interface IsNullNode {
  readonly kind: 'isNull';
  readonly arg: ExprNode;
}
export interface CaseWhenNode {
  readonly kind: 'caseWhen';
  readonly branches: readonly { readonly when: ExprNode; readonly value: ExprNode }[];
  readonly else: ExprNode;
}
export interface CoalesceNode {
  readonly kind: 'coalesce';
  readonly args: readonly ExprNode[];
}
export interface CastNode {
  readonly kind: 'cast';
  readonly arg: ExprNode;
  readonly to: 'string' | 'int64' | 'float64' | 'bool';
}
export interface SafeDivNode {
  readonly kind: 'safeDiv';
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly fallback: ExprNode;
}
export interface FeatNode {
  readonly kind: 'feat';
  /** The feature's key in `features` (expanded per window) or a full output name when `window` is set. */
  readonly name: string;
  readonly window: string | null;
}

/**
 * An expression in argument position. Inference reads the columns from the phantom only: the methods of
 * `Expr<C>` mention `C` in parameter positions, where TypeScript would widen it to `string`.
 */
export type ExprArg<C extends string = string> = ExprNode & { readonly __columns?: C };
/** What a method or builder accepts where an expression goes: plain JS values become literals. */
export type ExprLike<C extends string = string> = ExprArg<C> | number | bigint | boolean;
/** The columns an expression (or plain value) reads, from its phantom. */
export type ColsOf<E> = E extends { readonly __columns?: infer C } ? Exclude<C, undefined> & string : never;

export interface ExprMethods<C extends string = never> {
  plus<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  minus<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  times<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  /** Float division; division by zero gives null in every engine (not ±Infinity, not an error). */
  div<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  eq<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  neq<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  lt<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  lte<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  gt<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  gte<D extends string = never>(other: ExprLike<D>): Expr<C | D>;
  and<D extends string = never>(other: ExprArg<D>): Expr<C | D>;
  or<D extends string = never>(other: ExprArg<D>): Expr<C | D>;
  not(): Expr<C>;
  isNull(): Expr<C>;
  cast(to: CastNode['to']): Expr<C>;
}

type Builders = {
  arith(op: ArithOp, l: ExprLike, r: ExprLike): Expr;
  compare(op: CompareOp, l: ExprLike, r: ExprLike): Expr;
  logic(op: 'and' | 'or', args: readonly ExprArg[]): Expr;
  not(e: ExprArg): Expr;
  isNull(e: ExprArg): Expr;
  cast(e: ExprArg, to: CastNode['to']): Expr;
};

/** Filled by `methods.ts`; kept out of this file so that node shapes do not import every builder. */
export const builders: Partial<Builders> = {};

function b<K extends keyof Builders>(k: K): Builders[K] {
  const f = builders[k];
  if (f === undefined) throw new Error(`expression builder '${k}' is not loaded: import from 'sdk/features/index.ts'`);
  return f as Builders[K];
}

const proto: ExprMethods<string> = {
  plus(o) {
    return b('arith')('+', this as Expr, o);
  },
  minus(o) {
    return b('arith')('-', this as Expr, o);
  },
  times(o) {
    return b('arith')('*', this as Expr, o);
  },
  div(o) {
    return b('arith')('/', this as Expr, o);
  },
  eq(o) {
    return b('compare')('=', this as Expr, o);
  },
  neq(o) {
    return b('compare')('<>', this as Expr, o);
  },
  lt(o) {
    return b('compare')('<', this as Expr, o);
  },
  lte(o) {
    return b('compare')('<=', this as Expr, o);
  },
  gt(o) {
    return b('compare')('>', this as Expr, o);
  },
  gte(o) {
    return b('compare')('>=', this as Expr, o);
  },
  and(o) {
    return b('logic')('and', [this as Expr, o]);
  },
  or(o) {
    return b('logic')('or', [this as Expr, o]);
  },
  not() {
    return b('not')(this as Expr);
  },
  isNull() {
    return b('isNull')(this as Expr);
  },
  cast(to) {
    return b('cast')(this as Expr, to);
  },
};

/** Freezes node data onto the shared method prototype. */
export function makeExpr<C extends string = string>(node: ExprNode): Expr<C> {
  return Object.freeze(Object.assign(Object.create(proto) as object, node)) as Expr<C>;
}

export function isExpr(x: unknown): x is Expr {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === proto;
}
