import type { AnyContract } from '../../sdk/contracts/index.ts';
import type { AnyColumn } from '../../sdk/types/index.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/** A string as JSON: quoted as is when nothing needs escaping (the common case), else by `JSON.stringify`. */
export function jsonString(v: string): string {
  return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
}

/** A finite number as JSON; anything else is a generator bug and must not reach a file. */
export function jsonNumber(v: number): string {
  if (!Number.isFinite(v)) throw new TypeError(`cannot write ${v} as a JSON number`);
  return `${v}`;
}

/** A list as JSON, its elements encoded by `each`. */
export function jsonList(v: readonly unknown[], each: (x: never) => string): string {
  let s = '[';
  for (let i = 0; i < v.length; i++) s += (i === 0 ? '' : ',') + each(v[i] as never);
  return `${s}]`;
}

/**
 * A pattern made only of anchors, quantifiers, and literal or bracketed characters from a safe set
 * (`^[A-Za-z0-9_.:-]{1,64}$`): no value it matches needs escaping.
 */
const SAFE_PATTERN = /^\^(?:\[[A-Za-z0-9_.:#-]+\]|[A-Za-z0-9_#-]|\{\d+(?:,\d+)?\}|[+*?])+\$$/;

/**
 * Strings that skip the escaping check: formats we produce ourselves, enums of plain values, and columns
 * whose pattern admits only plain characters. Generated rows are validated against their contracts in the
 * tests, so a value breaking its pattern is caught there, not silently written.
 */
function plain(col: AnyColumn): boolean {
  if (col.kind === 'timestamp' || col.kind === 'date') return true;
  if (col.kind !== 'string') return false;
  if (col.values !== undefined) return col.values.every((v) => !NEEDS_ESCAPE.test(v));
  return col.pattern !== undefined && SAFE_PATTERN.test(col.pattern);
}

/** A piece of a compiled line: constant text, or a JavaScript expression producing text. */
type Segment = { readonly text: string } | { readonly code: string };

function segments(col: AnyColumn, value: string, lists: ((x: never) => string)[]): Segment[] {
  switch (col.kind) {
    case 'int64':
    case 'float64':
      return [{ code: `num(${value})` }];
    case 'bool':
      return [{ code: `(${value} ? 'true' : 'false')` }];
    case 'list': {
      lists.push(elementWriter(col.element as AnyColumn));
      return [{ code: `list(${value}, lists[${lists.length - 1}])` }];
    }
    default:
      return plain(col) ? [{ text: '"' }, { code: value }, { text: '"' }] : [{ code: `str(${value})` }];
  }
}

function elementWriter(col: AnyColumn): (x: never) => string {
  if (col.kind === 'int64' || col.kind === 'float64') return jsonNumber as (x: never) => string;
  if (col.kind === 'bool') return ((x: boolean) => (x ? 'true' : 'false')) as (x: never) => string;
  if (col.kind === 'list') {
    const inner = elementWriter(col.element as AnyColumn);
    return ((x: readonly unknown[]) => jsonList(x, inner)) as (x: never) => string;
  }
  return (plain(col) ? (x: string) => `"${x}"` : jsonString) as (x: never) => string;
}

/** Joins segments into one concatenation, merging neighbouring constants. */
function concat(parts: readonly Segment[]): string {
  const out: string[] = [];
  let text = '';
  for (const p of parts) {
    if ('text' in p) text += p.text;
    else {
      if (text !== '') out.push(JSON.stringify(text));
      text = '';
      out.push(p.code);
    }
  }
  if (text !== '') out.push(JSON.stringify(text));
  return out.join(' + ');
}

/**
 * Compiles a contract's row writer into one function with a fixed property access per column: one JSON
 * object per line, in the contract's column order, `null` for absent optional columns, the same text
 * `JSON.stringify` gives for those values. Generic code (`JSON.stringify`, or a loop over column names)
 * was the largest item in the generator's profile; the code is built from the contract's validated
 * snake_case column names only.
 *
 * @example compileRowWriter(trustLabels)(row) // '{"event_id":"tl-…","creator_id":"cr-…",…}\n'
 */
export function compileRowWriter(contract: AnyContract): (row: object) => string {
  const lists: ((x: never) => string)[] = [];
  const parts: Segment[] = [];
  Object.entries(contract.columns).forEach(([name, col], i) => {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`column name '${name}' cannot be compiled`);
    parts.push({ text: `${i === 0 ? '{' : ','}"${name}":` });
    const v = `r.${name}`;
    const value = segments(col, v, lists);
    if (col.nullable) parts.push({ code: `(${v} == null ? 'null' : ${concat(value)})` });
    else parts.push(...value);
  });
  parts.push({ text: '}\n' });
  const body = `return function writeRow(r) { return ${concat(parts)}; };`;
  return new Function('str', 'num', 'list', 'lists', body)(jsonString, jsonNumber, jsonList, lists) as (row: object) => string;
}
