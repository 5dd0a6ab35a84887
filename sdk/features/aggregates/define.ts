import type { Expr, ExprNode } from '../expr/node.ts';
import type { ValueType } from '../value-type.ts';

/** Parameters of an aggregate (`k` of lastK …): JSON scalars only, so that a definition stays data. */
export type AggParams = Readonly<Record<string, number | string | boolean>>;

/**
 * One use of an aggregate inside a feature set: data only (op name, input expressions, parts, params).
 * `C` carries the columns it reads and `Out` the TypeScript type of its value, both at the type level only.
 */
export interface AggSpec<Op extends string = string, C extends string = string, Out = unknown> {
  readonly kind: 'aggregate';
  readonly op: Op;
  readonly args: readonly ExprNode[];
  /** Sub-aggregates of a composite (ratio). */
  readonly parts: readonly AggSpec[];
  readonly params: AggParams;
  readonly __columns?: C;
  readonly __out?: Out;
}

/**
 * Incremental state of an aggregate, the contract the streaming aggregator and tiles rely on.
 * Functions may mutate and return their first argument. `remove` exists only where the aggregate is
 * invertible without drift (count, sum, mean, ratio of those); others are windowed by merging tiles.
 * Input values are JS values as DuckDB reads them back: int64 → bigint, float64 → number, timestamp → Date.
 */
export interface StateOps<S = unknown> {
  init(): S;
  add(state: S, inputs: readonly unknown[], eventMs: number): S;
  remove?: (state: S, inputs: readonly unknown[], eventMs: number) => S;
  merge(a: S, b: S): S;
  read(state: S): unknown;
}

/** What an aggregate's `sql` gets from the generator: already-named inputs and dialect-neutral builders. */
export interface AggSqlContext {
  /** SQL of each input (a column of the joined relation). */
  readonly args: readonly string[];
  /** SQL of each part (composites). */
  readonly parts: readonly string[];
  readonly inputTypes: readonly ValueType[];
  readonly params: AggParams;
  /** The event time in epoch milliseconds (BIGINT). */
  readonly eventMs: string;
  /** `fn(args)` over the window's events, optionally further restricted by `where`. */
  agg(fn: string, args: readonly string[], where?: string): string;
  /** `count(DISTINCT arg)` over the window. */
  countDistinct(arg: string, where?: string): string;
  /** The `value` of the event with the greatest `(keys…)` tuple in the window (ties by the full tuple). */
  argMax(value: string, keys: readonly string[], where?: string): string;
  /** The `value` of the event with the least `(keys…)` tuple in the window. */
  argMin(value: string, keys: readonly string[], where?: string): string;
  /** A list of the `k` values with the greatest `(keys…)`, greatest first; null when there are none. */
  topK(value: string, keys: readonly string[], k: number, where?: string): string;
  /** The `k`-th smallest distinct value of `arg` in the window (1-based), null when there are fewer. */
  kthSmallestDistinct(arg: string, k: number, where?: string): string;
  /** `CAST(x AS <type>)` in the dialect's spelling. */
  cast(x: string, to: ValueType): string;
}

export interface PrepareContext {
  readonly arg: string;
  readonly type: ValueType;
  /** 52 bits of the md5 of the value's text, as BIGINT (see kmv.ts). */
  hash52(arg: string, type: ValueType): string;
}

export interface AggregateDef {
  readonly name: string;
  /** Part of deterministic output names: `likes_<suffix>_7d`. */
  readonly suffix: (params: AggParams) => string;
  /** One sentence for `describe`. */
  readonly doc: string;
  /** Output type, or a message with the fix when the inputs do not fit (e.g. sum over a string). */
  readonly output: (inputs: readonly ValueType[], parts: readonly ValueType[], params: AggParams) => ValueType | string;
  readonly sql: (ctx: AggSqlContext) => string;
  /**
   * Optional per-event transform of the inputs, computed once per event before the spine join (not once per
   * spine row): approxDistinct hashes here. The state functions still receive the raw values.
   */
  readonly prepare?: (ctx: PrepareContext) => string;
  /** Incremental state, or null with the reason and the alternative (reported when a set must run online). */
  readonly state:
    | ((ctx: { readonly inputTypes: readonly ValueType[]; readonly params: AggParams; readonly parts: readonly StateOps[] }) => StateOps)
    | null;
  readonly noState?: { readonly reason: string; readonly alternative: string };
}

const registry = new Map<string, AggregateDef>();

/**
 * Registers an aggregate; every backend (SQL, incremental state, output type) is stated in the one call.
 *
 * @example
 * export const sumDef = defineAggregate({ name: 'sum', suffix: () => 'sum', doc: 'Sum of non-null values.',
 *   output: ([t]) => t === 'int64' || t === 'float64' ? t : `sum needs a number, not ${t}`,
 *   sql: (c) => c.agg('sum', c.args), state: () => ({ … }) });
 */
export function defineAggregate(def: AggregateDef): AggregateDef {
  if (registry.has(def.name)) throw new Error(`aggregate '${def.name}' is defined twice`);
  registry.set(def.name, Object.freeze(def));
  return def;
}

export function aggregateDef(name: string): AggregateDef | undefined {
  return registry.get(name);
}

export function aggregateNames(): string[] {
  return [...registry.keys()];
}

/** Builds the frozen data of one aggregate use. */
export function aggSpec<Op extends string, C extends string, Out>(
  op: Op,
  args: readonly Expr[],
  params: AggParams = {},
  parts: readonly AggSpec[] = [],
): AggSpec<Op, C, Out> {
  return Object.freeze({
    kind: 'aggregate',
    op,
    args: Object.freeze([...args]),
    parts: Object.freeze([...parts]),
    params: Object.freeze({ ...params }),
  }) as AggSpec<Op, C, Out>;
}
