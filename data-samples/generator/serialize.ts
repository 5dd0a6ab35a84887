import type { AnyContract } from '../../sdk/contracts/index.ts';
import type { AnyColumn } from '../../sdk/types/index.ts';
import type { LineBuffer } from './line-buffer.ts';

/** Writes one row of a contract as one JSON line into a buffer. */
export type LineWriter = (out: LineBuffer, row: object) => void;

/** Code writing `value` (a JavaScript expression) of column type `col`; `depth` names loop variables. */
function valueCode(col: AnyColumn, value: string, lits: Uint8Array[], depth: number): string {
  switch (col.kind) {
    case 'int64':
    case 'float64':
      return `w.num(${value});`;
    case 'bool':
      return `w.lit(${value} ? L[${lit(lits, 'true')}] : L[${lit(lits, 'false')}]);`;
    case 'list': {
      const a = `a${depth}`;
      const i = `i${depth}`;
      const each = valueCode(col.element as AnyColumn, `${a}[${i}]`, lits, depth + 1);
      return `{ const ${a} = ${value}; w.byte(91); for (let ${i} = 0; ${i} < ${a}.length; ${i}++) { if (${i} > 0) w.byte(44); ${each} } w.byte(93); }`;
    }
    case 'timestamp':
      // the simulation hands epoch milliseconds; a string is written as given
      return `if (typeof ${value} === 'number') w.iso(${value}); else w.str(${value});`;
    case 'string':
      // ids may come as Id values, printed without building their string
      return `if (typeof ${value} === 'string') w.str(${value}); else w.id(${value});`;
    default:
      return `w.str(${value});`;
  }
}

/** Index of a constant text among the literals (encoded once, at compile time). */
function lit(lits: Uint8Array[], text: string): number {
  lits.push(Buffer.from(text, 'utf8'));
  return lits.length - 1;
}

/** Code storing a constant text's bytes one by one: no loop, no call, for the short keys between values. */
function litCode(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const stores = Array.from(bytes, (b, i) => `b[p + ${i}] = ${b};`).join(' ');
  return `{ w.reserve(${bytes.length}); const b = w.buf; const p = w.pos; ${stores} w.pos = p + ${bytes.length}; }`;
}

/**
 * Compiles a contract's row writer into one function with a fixed property access per column, writing
 * bytes straight into a {@link LineBuffer}: one JSON object per line, in the contract's column order, `null`
 * for absent optional columns, the same text `JSON.stringify` gives for those values. Generic code
 * (`JSON.stringify`, a loop over column names, or building the line as a string) was the largest item in
 * the generator's profile; the code is built from the contract's validated snake_case column names only.
 *
 * @example
 * const out = new LineBuffer();
 * compileLineWriter(trustLabels)(out, row); // out holds '{"event_id":"tl-…","creator_id":"cr-…",…}\n'
 */
export function compileLineWriter(contract: AnyContract): LineWriter {
  const lits: Uint8Array[] = [];
  const body: string[] = [];
  Object.entries(contract.columns).forEach(([name, col], i) => {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`column name '${name}' cannot be compiled`);
    body.push(litCode(`${i === 0 ? '{' : ','}"${name}":`));
    const v = `r.${name}`;
    const code = valueCode(col, v, lits, 0);
    body.push(col.nullable ? `if (${v} == null) w.lit(L[${lit(lits, 'null')}]); else { ${code} }` : code);
  });
  body.push(litCode('}\n'));
  const source = `return function writeLine(w, r) {\n${body.join('\n')}\n};`;
  return new Function('L', source)(lits) as LineWriter;
}
