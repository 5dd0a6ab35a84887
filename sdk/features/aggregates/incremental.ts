import { IssueCollector } from '../../errors/index.ts';
import { compileEvaluator, type Row } from '../expr/evaluate.ts';
import { type TypingScope, typeOfExpr } from '../expr/typing.ts';
import type { ValueType } from '../value-type.ts';
import { type AggSpec, aggregateDef, type StateOps } from './define.ts';

/** An aggregate use ready to run incrementally: its state functions and how to read its inputs off a row. */
export interface Incremental {
  readonly ops: StateOps;
  /** The inputs `ops.add` expects for one event: the evaluated arguments, or one such array per part. */
  readonly inputs: (row: Row) => unknown[];
}

/**
 * The incremental form of an aggregate use, or null when it (or one of its parts) has no state — the same
 * answer validation gives for `online` sets. The streaming aggregator and the state tests both start here.
 *
 * @example
 * const inc = incremental(sum('likes'), scope);
 * let s = inc?.ops.init(); s = inc?.ops.add(s, inc.inputs(row), Date.parse(row.posted_at));
 */
export function incremental(spec: AggSpec, scope: TypingScope): Incremental | null {
  const def = aggregateDef(spec.op);
  if (def === undefined || def.state === null) return null;
  const parts = spec.parts.map((p) => incremental(p, scope));
  if (parts.some((p) => p === null)) return null;
  const inputTypes = spec.args.map((a) => (typeOfExpr(a, scope, new IssueCollector(), '') ?? 'float64') as ValueType);
  const ops = def.state({ inputTypes, params: spec.params, parts: parts.map((p) => (p as Incremental).ops) });
  const evals = spec.args.map((a) => compileEvaluator(a, scope));
  const inputs = parts.length > 0 ? (row: Row) => parts.map((p) => (p as Incremental).inputs(row)) : (row: Row) => evals.map((e) => e(row));
  return { ops, inputs };
}
