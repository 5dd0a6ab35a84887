import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdb } from '../../sdk/compile/index.ts';
import { ident } from '../../sdk/compile/sql/dialect.ts';
import { exprSql } from '../../sdk/compile/sql/expr.ts';
import {
  and,
  caseWhen,
  cast,
  coalesce,
  col,
  compileEvaluator,
  defineSource,
  type Expr,
  isNull,
  lit,
  not,
  or,
  safeDiv,
} from '../../sdk/features/index.ts';
import { sameValue } from './compare.ts';
import { type Duck, loadSource, openDuck } from './duck.ts';

/** Every expression node kind evaluates the same in TypeScript (the streaming path) and in DuckDB, nulls included. */
const src = defineSource({
  name: 't',
  table: 't',
  eventTime: 'ts',
  columns: { a: 'int64', b: 'float64', s: 'string', f: 'bool', ts: 'timestamp' },
});
const scope = { where: 'source t', columns: new Map(Object.entries(src.columns).map(([n, c]) => [n, c.type as never])) };

const EXPRS: Record<string, Expr> = {
  add: col('a').plus(col('b')),
  int_add: col('a').plus(1),
  sub_mul: col('a').minus(3).times(col('a')),
  div: col('a').div(col('b')),
  div_zero: col('a').div(0),
  compare: col('a').gt(col('b')),
  eq_string: col('s').eq(lit('x1')),
  ts_cmp: col('ts').lte(lit(new Date(Date.UTC(2024, 0, 2)))),
  and3: and(col('f'), col('a').gt(0)),
  or3: or(col('f'), col('b').lt(0)),
  not: not(col('f')),
  is_null: isNull(col('b')),
  case: caseWhen(
    [
      [col('a').lt(0), lit('neg')],
      [col('f'), lit('flag')],
    ],
    lit('other'),
  ),
  case_mixed: caseWhen([[col('f'), col('a')]], col('b')),
  coalesce: coalesce(col('b'), col('a'), 0),
  cast_int: cast(col('b'), 'int64'),
  cast_str: cast(col('a'), 'string'),
  cast_float: cast(col('s'), 'float64'),
  cast_bool: cast(col('a'), 'bool'),
  parse_int: cast(col('s'), 'int64'),
  safe_div: safeDiv(col('a'), col('b'), -1),
  safe_div_null: safeDiv(col('a'), col('a').minus(col('a'))),
};

const ROWS = [
  { a: 5n, b: 2.5, s: 'x1', f: true, ts: new Date(Date.UTC(2024, 0, 1)) },
  { a: -3n, b: -0.75, s: '12', f: false, ts: new Date(Date.UTC(2024, 0, 3)) },
  { a: 0n, b: 0, s: '3.5', f: null, ts: new Date(Date.UTC(2024, 0, 2)) },
  { a: null, b: null, s: null, f: null, ts: null },
  { a: 7n, b: -7.875, s: 'abc', f: true, ts: new Date(Date.UTC(2023, 11, 31)) },
];

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
  await loadSource(duck, 't', src, ROWS);
});
afterAll(() => duck.close());

describe('expressions: TypeScript evaluator equals DuckDB SQL', () => {
  for (const [name, e] of Object.entries(EXPRS)) {
    it(name, async () => {
      const sql = exprSql(e, { dialect: duckdb, typing: scope, column: ident });
      const got = await duck.rows(`SELECT ${sql} AS v FROM t ORDER BY rowid`);
      const f = compileEvaluator(e, scope);
      ROWS.forEach((r, i) => {
        expect(
          sameValue(f(r), got[i]?.v, typeof got[i]?.v === 'number'),
          `${name} row ${i}: ts ${String(f(r))} vs sql ${String(got[i]?.v)}`,
        ).toBe(true);
      });
    });
  }
});
