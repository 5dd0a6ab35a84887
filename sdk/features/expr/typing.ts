import type { IssueCollector } from '../../errors/index.ts';
import { didYouMean } from '../../util/suggest.ts';
import { commonType, isNumeric, type ValueType } from '../value-type.ts';
import type { ExprNode } from './node.ts';

/** What an expression can see: the source's columns, or (for derived features) the set's other features. */
export interface TypingScope {
  /** Where the expression sits, for messages ("source 'posts'", "feature set 'creator_engagement'"). */
  readonly where: string;
  readonly columns?: ReadonlyMap<string, ValueType>;
  /** Resolves `feat(name, window)` to the output's type; undefined when it does not exist (message filled). */
  readonly feature?: (name: string, window: string | null, issues: IssueCollector, path: string) => ValueType | undefined;
}

type T = ValueType | 'null';

/**
 * The type of an expression, reporting every problem into `issues` (unknown columns with a suggestion, type
 * mismatches with the fix). Returns undefined where the type cannot be known; checking then goes on.
 */
export function typeOfExpr(node: ExprNode, scope: TypingScope, issues: IssueCollector, path: string): T | undefined {
  const sub = (n: ExprNode, p: string) => typeOfExpr(n, scope, issues, p);
  switch (node.kind) {
    case 'col': {
      if (scope.columns === undefined) {
        issues.add(
          'features.column_in_derived',
          path,
          `col('${node.name}') cannot be used here: derived features read other features — use feat('<feature>')`,
        );
        return undefined;
      }
      const t = scope.columns.get(node.name);
      if (t === undefined) {
        const known = [...scope.columns.keys()];
        issues.add(
          'features.unknown_column',
          path,
          `unknown column '${node.name}' in ${scope.where}${didYouMean(node.name, known) || ` — known columns: ${known.join(', ')}`}`,
        );
      }
      return t;
    }
    case 'feat': {
      if (scope.feature === undefined) {
        issues.add(
          'features.feat_in_aggregate',
          path,
          `feat('${node.name}') reads another feature and only works in derive(...); aggregate a column with col('${node.name}')`,
        );
        return undefined;
      }
      return scope.feature(node.name, node.window, issues, path);
    }
    case 'lit':
      return node.type;
    case 'arith': {
      const l = sub(node.left, `${path}.left`);
      const r = sub(node.right, `${path}.right`);
      if (l === undefined || r === undefined) return node.op === '/' ? 'float64' : undefined;
      for (const [side, t] of [
        ['left', l],
        ['right', r],
      ] as const) {
        if (t !== 'null' && !isNumeric(t)) {
          issues.add(
            'features.type_mismatch',
            `${path}.${side}`,
            `'${node.op}' needs numbers but the ${side} side is ${t} — cast it (cast(x, 'float64')) or use a numeric column`,
          );
          return undefined;
        }
      }
      if (node.op === '/') return 'float64';
      if (l === 'null') return r;
      if (r === 'null') return l;
      return commonType(l, r);
    }
    case 'compare': {
      const l = sub(node.left, `${path}.left`);
      const r = sub(node.right, `${path}.right`);
      if (l !== undefined && r !== undefined && l !== 'null' && r !== 'null' && commonType(l, r) === undefined) {
        issues.add(
          'features.type_mismatch',
          path,
          `cannot compare ${l} with ${r} ('${node.op}') — cast one side so both have the same type`,
        );
      }
      return 'bool';
    }
    case 'logic':
      node.args.forEach((a, i) => {
        expectBool(sub(a, `${path}.args[${i}]`), `${path}.args[${i}]`, node.op, issues);
      });
      return 'bool';
    case 'not':
      expectBool(sub(node.arg, `${path}.arg`), `${path}.arg`, 'not', issues);
      return 'bool';
    case 'isNull':
      sub(node.arg, `${path}.arg`);
      return 'bool';
    case 'caseWhen': {
      node.branches.forEach((b, i) => {
        expectBool(sub(b.when, `${path}.branches[${i}].when`), `${path}.branches[${i}].when`, 'caseWhen', issues);
      });
      const types = [...node.branches.map((b, i) => sub(b.value, `${path}.branches[${i}].value`)), sub(node.else, `${path}.else`)];
      return unify(types, path, 'caseWhen', issues);
    }
    case 'coalesce':
      return unify(
        node.args.map((a, i) => sub(a, `${path}.args[${i}]`)),
        path,
        'coalesce',
        issues,
      );
    case 'cast': {
      const t = sub(node.arg, `${path}.arg`);
      // Engines print floats and timestamps differently (0.5 vs 5.0E-1), and parse booleans differently, so
      // those casts would make the same feature differ between DuckDB, Trino and streaming.
      if (t === 'timestamp' || t === 'date') {
        issues.add(
          'features.bad_cast',
          path,
          `cannot cast ${t} to ${node.to}: engines disagree on its text and number forms — compare timestamps directly`,
        );
      } else if (t === 'float64' && node.to === 'string') {
        issues.add('features.bad_cast', path, "cannot cast float64 to string: engines print floats differently — cast to 'int64' first");
      } else if (t === 'string' && node.to === 'bool') {
        issues.add(
          'features.bad_cast',
          path,
          "cannot cast string to bool: engines accept different spellings — compare it, e.g. col('x').eq(lit('true'))",
        );
      }
      return node.to;
    }
    case 'safeDiv': {
      for (const [side, n] of [
        ['left', node.left],
        ['right', node.right],
      ] as const) {
        const t = sub(n, `${path}.${side}`);
        if (t !== undefined && t !== 'null' && !isNumeric(t)) {
          issues.add(
            'features.type_mismatch',
            `${path}.${side}`,
            `safeDiv needs numbers but the ${side} side is ${t} — cast it to 'float64'`,
          );
        }
      }
      const f = sub(node.fallback, `${path}.fallback`);
      if (f !== undefined && f !== 'null' && !isNumeric(f)) {
        issues.add('features.type_mismatch', `${path}.fallback`, `safeDiv's fallback must be a number or null, not ${f}`);
      }
      return 'float64';
    }
  }
}

function expectBool(t: T | undefined, path: string, op: string, issues: IssueCollector): void {
  if (t !== undefined && t !== 'bool' && t !== 'null') {
    issues.add('features.type_mismatch', path, `${op} needs a condition (bool) but got ${t} — compare it, e.g. col('x').gt(0)`);
  }
}

function unify(types: readonly (T | undefined)[], path: string, op: string, issues: IssueCollector): T | undefined {
  let acc: T = 'null';
  for (const t of types) {
    if (t === undefined) return undefined;
    if (t === 'null') continue;
    if (acc === 'null') {
      acc = t;
      continue;
    }
    const c = commonType(acc, t);
    if (c === undefined) {
      issues.add('features.type_mismatch', path, `${op} mixes ${acc} and ${t} — cast the branches to one type`);
      return undefined;
    }
    acc = c;
  }
  return acc;
}

/** Visits every node (pre-order): used to collect the columns and features an expression reads. */
export function walkExpr(node: ExprNode, visit: (n: ExprNode) => void): void {
  visit(node);
  switch (node.kind) {
    case 'arith':
    case 'compare':
      walkExpr(node.left, visit);
      walkExpr(node.right, visit);
      return;
    case 'safeDiv':
      walkExpr(node.left, visit);
      walkExpr(node.right, visit);
      walkExpr(node.fallback, visit);
      return;
    case 'logic':
    case 'coalesce':
      for (const a of node.args) walkExpr(a, visit);
      return;
    case 'not':
    case 'isNull':
    case 'cast':
      walkExpr(node.arg, visit);
      return;
    case 'caseWhen':
      for (const b of node.branches) {
        walkExpr(b.when, visit);
        walkExpr(b.value, visit);
      }
      walkExpr(node.else, visit);
      return;
    default:
      return;
  }
}
