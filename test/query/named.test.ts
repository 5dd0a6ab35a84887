import { describe, expect, it } from 'vitest';
import { bindNamed, parseParam } from '../../sdk/query/index.ts';

describe('named parameters', () => {
  it('turns :name into ? in placeholder order, a name used twice binds twice', () => {
    const bound = bindNamed('SELECT * FROM t WHERE a = :x AND b > :y OR c = :x', { x: 'v', y: 2 });
    expect(bound).toEqual({ sql: 'SELECT * FROM t WHERE a = ? AND b > ? OR c = ?', params: ['v', 2, 'v'] });
  });

  it('leaves :words inside literals, quoted identifiers, comments and :: casts alone', () => {
    const text = `SELECT ':a' AS "x:b", 'it''s :c' -- :d\n, 1::INT /* :e */ WHERE f = :f`;
    const bound = bindNamed(text, { f: 1 });
    expect(bound.sql).toBe(`SELECT ':a' AS "x:b", 'it''s :c' -- :d\n, 1::INT /* :e */ WHERE f = ?`);
    expect(bound.params).toEqual([1]);
  });

  it('reports every missing and unused value at once', () => {
    expect(() => bindNamed('SELECT :a, :b', { b: 1, c: 2 })).toThrow(/:a has no value — add --param a=<value>; --param c is not used/);
  });

  it('types command-line values: integers, decimals, booleans, null, else text', () => {
    expect(['n=10', 'big=9007199254740993', 'd=1.5', 'e=1e3', 'b=false', 'z=null', 's=2025-01-01', 'q=a=b'].map(parseParam)).toEqual([
      ['n', 10],
      ['big', 9007199254740993n],
      ['d', 1.5],
      ['e', 1000],
      ['b', false],
      ['z', null],
      ['s', '2025-01-01'],
      ['q', 'a=b'],
    ]);
    expect(() => parseParam('no-equals')).toThrow(/expected name=value/);
  });
});
