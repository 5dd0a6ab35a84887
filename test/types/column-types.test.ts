import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  arrowTypeName,
  compileValueCheck,
  duckdbType,
  icebergType,
  isDateString,
  isTimestampString,
  jsonSchemaOf,
  type RowOf,
  t,
  trinoType,
  type ValueProblem,
} from '../../sdk/types/index.ts';

const all = {
  s: t.string(),
  e: t.enum(['a', 'b']),
  i: t.int64({ min: 0 }),
  f: t.float64(),
  b: t.bool(),
  ts: t.timestamp(),
  d: t.date(),
  l: t.list(t.string()),
  o: t.string().optional(),
};

describe('column types', () => {
  it('are frozen plain data (builders do not show up as data)', () => {
    expect(Object.isFrozen(all.i)).toBe(true);
    expect(JSON.parse(JSON.stringify(all.ts))).toEqual({ kind: 'timestamp', nullable: false, unit: 'microsecond', timeZone: 'UTC' });
    expect(all.o).toEqual({ kind: 'string', nullable: true });
    expect(all.l.element).toEqual(t.string());
    expect(t.int64().describe('why').description).toBe('why');
    // .optional() returns a new type; the original is untouched
    expect(all.s.nullable).toBe(false);
  });

  it('carry their TypeScript type: a row type is inferred from columns', () => {
    type Row = RowOf<typeof all>;
    expectTypeOf<Row['s']>().toEqualTypeOf<string>();
    expectTypeOf<Row['e']>().toEqualTypeOf<'a' | 'b'>();
    expectTypeOf<Row['i']>().toEqualTypeOf<number>();
    expectTypeOf<Row['b']>().toEqualTypeOf<boolean>();
    expectTypeOf<Row['ts']>().toEqualTypeOf<string>();
    expectTypeOf<Row['l']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<Row['o']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<{ s: string; e: 'a'; i: 1; f: 2; b: true; ts: ''; d: ''; l: [] }>().toMatchTypeOf<Row>();
  });

  it('map to Arrow, DuckDB, Trino and Iceberg', () => {
    const table = Object.entries(all).map(([name, c]) => [name, arrowTypeName(c), duckdbType(c), trinoType(c)]);
    expect(table).toEqual([
      ['s', 'Utf8', 'VARCHAR', 'varchar'],
      ['e', 'Utf8', 'VARCHAR', 'varchar'],
      ['i', 'Int64', 'BIGINT', 'bigint'],
      ['f', 'Float64', 'DOUBLE', 'double'],
      ['b', 'Bool', 'BOOLEAN', 'boolean'],
      ['ts', 'Timestamp(MICROSECOND, UTC)', 'TIMESTAMPTZ', 'timestamp(6) with time zone'],
      ['d', 'Date32(DAY)', 'DATE', 'date'],
      ['l', 'List<Utf8>', 'VARCHAR[]', 'array(varchar)'],
      ['o', 'Utf8', 'VARCHAR', 'varchar'],
    ]);
    expect(icebergType(all.ts, () => 0)).toBe('timestamptz');
    expect(icebergType(all.i, () => 0)).toBe('long');
    expect(icebergType(all.l, () => 1005)).toEqual({ type: 'list', 'element-id': 1005, element: 'string', 'element-required': true });
  });

  it('builds real Arrow types (heavy entry point)', async () => {
    const { arrowSchema } = await import('../../sdk/types/arrow.ts');
    const schema = arrowSchema(all);
    expect(schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`)).toEqual([
      's:Utf8:false',
      'e:Utf8:false',
      'i:Int64:false',
      'f:Float64:false',
      'b:Bool:false',
      'ts:Timestamp<MICROSECOND, UTC>:false',
      'd:Date32<DAY>:false',
      'l:List<Utf8>:false',
      'o:Utf8:true',
    ]);
  });

  it('export JSON Schema, with null allowed for optional columns', () => {
    expect(jsonSchemaOf(all.i)).toEqual({ type: 'integer', minimum: 0 });
    expect(jsonSchemaOf(all.e)).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(jsonSchemaOf(all.o)).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(jsonSchemaOf(all.l)).toEqual({ type: 'array', items: { type: 'string' } });
    expect(jsonSchemaOf(all.ts)).toMatchObject({ type: 'string', format: 'date-time' });
  });
});

describe('value checks', () => {
  const check = (c: (typeof all)[keyof typeof all], v: unknown): ValueProblem[] => {
    const problems: ValueProblem[] = [];
    compileValueCheck(c)(v, 'x', problems);
    return problems;
  };

  it('accept good values', () => {
    expect([check(all.s, ''), check(all.i, 3), check(all.f, 1.5), check(all.b, false), check(all.l, ['a'])].flat()).toEqual([]);
    expect(check(all.ts, '2024-02-29T23:59:59.999Z')).toEqual([]);
    expect(check(all.ts, '2024-02-29T23:59:59.999999Z')).toEqual([]);
    expect(check(all.d, '2024-02-29')).toEqual([]);
  });

  it('reject bad values with the path and the reason', () => {
    expect(check(all.i, 1.5)).toEqual([{ path: 'x', reason: 'expected an integer, got the number 1.5' }]);
    expect(check(all.i, -1)).toEqual([{ path: 'x', reason: 'must be ≥ 0, got -1' }]);
    expect(check(all.i, 2 ** 60)[0]?.reason).toMatch(/expected an integer/);
    expect(check(all.f, Number.NaN)[0]?.reason).toMatch(/finite/);
    expect(check(all.e, 'c')[0]?.reason).toBe('the string "c" is not one of a, b');
    expect(check(all.l, ['a', 3, null])).toEqual([
      { path: 'x[1]', reason: 'expected a string, got the number 3' },
      { path: 'x[2]', reason: 'must not be null' },
    ]);
    expect(check(all.b, 'true')[0]?.reason).toMatch(/true or false/);
  });

  it('know the calendar', () => {
    expect(isTimestampString('2023-02-29T00:00:00.000Z')).toBe(false);
    expect(isTimestampString('2000-02-29T00:00:00Z')).toBe(true);
    expect(isTimestampString('1900-02-29T00:00:00Z')).toBe(false);
    expect(isTimestampString('2024-01-01T24:00:00Z')).toBe(false);
    expect(isTimestampString('2024-01-01T00:00:00.000+01:00')).toBe(false);
    expect(isTimestampString('2024-01-01 00:00:00Z')).toBe(false);
    expect(isDateString('2024-04-31')).toBe(false);
    expect(isDateString('2024-04-30')).toBe(true);
  });
});
