import { IssueCollector } from '../../errors/index.ts';
import type { ValueType } from '../value-type.ts';
import type { ExprNode } from './node.ts';
import { type TypingScope, typeOfExpr } from './typing.ts';

/** A row as the engines read it back: int64 → bigint, float64 → number, timestamp → Date. */
export type Row = Readonly<Record<string, unknown>>;
export type Evaluator = (row: Row) => unknown;

/**
 * Compiles an expression to a JS function with exactly the SQL semantics of the generator (three-valued
 * logic, null propagation, float division with a zero divisor → null, int64 kept as bigint, float → int
 * truncation). The streaming path evaluates inputs with it; tests use it as the reference.
 *
 * @example compileEvaluator(col('likes').plus(col('comments')), scope)({ likes: 3n, comments: 1n }) // 4n
 */
export function compileEvaluator(
  node: ExprNode,
  scope: TypingScope,
  feature?: (name: string, window: string | null) => Evaluator,
): Evaluator {
  const typeOf = (n: ExprNode): ValueType | 'null' => typeOfExpr(n, scope, new IssueCollector(), '') ?? 'float64';
  const rec = (n: ExprNode) => compileEvaluator(n, scope, feature);
  const asType = (t: ValueType | 'null', f: Evaluator): Evaluator => (t === 'float64' ? (r) => toFloat(f(r)) : f);
  switch (node.kind) {
    case 'col':
      return (r) => r[node.name] ?? null;
    case 'feat': {
      if (feature === undefined) throw new Error(`feat('${node.name}') outside a derived scope`);
      return feature(node.name, node.window);
    }
    case 'lit': {
      const v = litValue(node.type, node.value);
      return () => v;
    }
    case 'arith': {
      const l = rec(node.left);
      const r = rec(node.right);
      const op = node.op;
      return (row) => {
        const a = l(row);
        const b = r(row);
        if (a === null || b === null) return null;
        if (op === '/') return Number(b) === 0 ? null : Number(a) / Number(b);
        if (typeof a === 'bigint' && typeof b === 'bigint') return op === '+' ? a + b : op === '-' ? a - b : a * b;
        const x = Number(a);
        const y = Number(b);
        return op === '+' ? x + y : op === '-' ? x - y : x * y;
      };
    }
    case 'compare': {
      const l = rec(node.left);
      const r = rec(node.right);
      const op = node.op;
      return (row) => {
        const a = l(row);
        const b = r(row);
        if (a === null || b === null) return null;
        const c = cmp(a, b);
        return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      };
    }
    case 'logic': {
      const args = node.args.map(rec);
      const decisive = node.op === 'or';
      return (row) => {
        let sawNull = false;
        for (const a of args) {
          const v = a(row);
          if (v === null) sawNull = true;
          else if (v === decisive) return decisive;
        }
        return sawNull ? null : !decisive;
      };
    }
    case 'not': {
      const a = rec(node.arg);
      return (row) => {
        const v = a(row);
        return v === null ? null : !v;
      };
    }
    case 'isNull': {
      const a = rec(node.arg);
      return (row) => a(row) === null;
    }
    case 'caseWhen': {
      const branches = node.branches.map((b) => [rec(b.when), rec(b.value)] as const);
      const otherwise = rec(node.else);
      return asType(typeOf(node), (row) => {
        for (const [w, v] of branches) if (w(row) === true) return v(row);
        return otherwise(row);
      });
    }
    case 'coalesce': {
      const args = node.args.map(rec);
      return asType(typeOf(node), (row) => {
        for (const a of args) {
          const v = a(row);
          if (v !== null) return v;
        }
        return null;
      });
    }
    case 'safeDiv': {
      const l = rec(node.left);
      const r = rec(node.right);
      const f = rec(node.fallback);
      return (row) => {
        const b = r(row);
        if (b === null || Number(b) === 0) return toFloat(f(row));
        const a = l(row);
        return a === null ? null : Number(a) / Number(b);
      };
    }
    case 'cast': {
      const a = rec(node.arg);
      const from = typeOf(node.arg);
      const to = node.to;
      return (row) => castValue(a(row), from, to);
    }
  }
}

function toFloat(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

function litValue(type: ValueType | 'null', value: string | number | boolean | null): unknown {
  if (value === null) return null;
  if (type === 'int64') return BigInt(value as string);
  if (type === 'timestamp' || type === 'date') return new Date(value as string);
  return value;
}

function cmp(a: unknown, b: unknown): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const FLOAT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function castValue(v: unknown, from: ValueType | 'null', to: 'string' | 'int64' | 'float64' | 'bool'): unknown {
  if (v === null) return null;
  switch (to) {
    case 'string':
      return String(v);
    case 'int64':
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number') return BigInt(Math.trunc(v));
      if (typeof v === 'boolean') return v ? 1n : 0n;
      return FLOAT.test(String(v)) ? BigInt(Math.trunc(Number(v))) : null;
    case 'float64':
      if (typeof v === 'string') return FLOAT.test(v) ? Number(v) : null;
      return Number(v);
    case 'bool':
      if (from === 'int64' || from === 'float64') return Number(v) !== 0;
      return v;
  }
}
