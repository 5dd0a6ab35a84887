import { IssueCollector } from '../../errors/index.ts';
import type { ExprNode } from '../../features/expr/node.ts';
import { type TypingScope, typeOfExpr } from '../../features/expr/typing.ts';
import type { ValueType } from '../../features/value-type.ts';
import { type SqlDialect, str } from './dialect.ts';

export interface ExprScope {
  readonly dialect: SqlDialect;
  readonly typing: TypingScope;
  /** SQL of a column reference. */
  readonly column?: (name: string) => string;
  /** SQL of a feature reference (derived features). */
  readonly feature?: (name: string, window: string | null) => string;
}

/** The type of an already-validated expression (validation reported problems; here they cannot occur). */
export function typeOf(node: ExprNode, scope: ExprScope): ValueType | 'null' {
  return typeOfExpr(node, scope.typing, new IssueCollector(), '') ?? 'float64';
}

/**
 * SQL of an expression, identical in meaning across dialects: division is float division with a zero divisor
 * giving null, float → int truncates, string → number parses leniently (null when it does not parse).
 */
export function exprSql(node: ExprNode, scope: ExprScope): string {
  const d = scope.dialect;
  const rec = (n: ExprNode) => exprSql(n, scope);
  const dbl = (n: ExprNode) => `CAST(${rec(n)} AS ${d.type('float64')})`;
  switch (node.kind) {
    case 'col':
      if (scope.column === undefined) throw new Error(`col('${node.name}') outside a source scope`);
      return scope.column(node.name);
    case 'feat':
      if (scope.feature === undefined) throw new Error(`feat('${node.name}') outside a derived scope`);
      return scope.feature(node.name, node.window);
    case 'lit':
      return litSql(node.type, node.value, d);
    case 'arith':
      return node.op === '/' ? `(${dbl(node.left)} / NULLIF(${dbl(node.right)}, 0))` : `(${rec(node.left)} ${node.op} ${rec(node.right)})`;
    case 'compare':
      return `(${rec(node.left)} ${node.op} ${rec(node.right)})`;
    case 'logic':
      return `(${node.args.map(rec).join(node.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${rec(node.arg)})`;
    case 'isNull':
      return `(${rec(node.arg)} IS NULL)`;
    case 'caseWhen':
      return `CASE ${node.branches.map((b) => `WHEN ${rec(b.when)} THEN ${rec(b.value)}`).join(' ')} ELSE ${rec(node.else)} END`;
    case 'coalesce':
      return `COALESCE(${node.args.map(rec).join(', ')})`;
    case 'safeDiv':
      return `CASE WHEN ${rec(node.right)} IS NULL OR ${rec(node.right)} = 0 THEN ${dbl(node.fallback)} ELSE ${dbl(node.left)} / ${dbl(node.right)} END`;
    case 'cast': {
      const from = typeOf(node.arg, scope);
      const x = rec(node.arg);
      if (from === node.to) return x;
      if (node.to === 'int64' && from === 'float64') return d.truncToInt64(x);
      if (node.to === 'bool' && (from === 'int64' || from === 'float64')) return `(${x} <> 0)`;
      // DuckDB rounds '3.5' to 4 when casting text to an integer and Trino refuses it: parse as a double
      // and truncate, the same everywhere.
      if (from === 'string' && node.to === 'int64') return d.truncToInt64(`TRY_CAST(${x} AS ${d.type('float64')})`);
      if (from === 'string') return `TRY_CAST(${x} AS ${d.type(node.to)})`;
      return `CAST(${x} AS ${d.type(node.to)})`;
    }
  }
}

export function litSql(type: ValueType | 'null', value: string | number | boolean | null, d: SqlDialect): string {
  if (value === null) return type === 'null' ? 'NULL' : `CAST(NULL AS ${d.type(type)})`;
  switch (type) {
    case 'int64':
      return String(value);
    case 'float64':
      return `CAST(${String(value)} AS ${d.type('float64')})`;
    case 'bool':
      return value === true ? 'TRUE' : 'FALSE';
    case 'string':
      return str(String(value));
    case 'timestamp':
      return d.timestampLiteral(Date.parse(String(value)));
    case 'null':
      return 'NULL';
    default:
      return `CAST(${str(String(value))} AS ${d.type(type)})`;
  }
}

/** The VARCHAR text of a value, identical across engines for the types approxDistinct accepts. */
export function textOf(x: string, type: ValueType, d: SqlDialect): string {
  return type === 'string' ? x : `CAST(${x} AS ${d.type('string')})`;
}
