import type { SqlValue } from './types.ts';

/**
 * `:name` placeholders turned into the engines' positional `?`, with the values in placeholder order.
 * Quoted strings, quoted identifiers, comments and DuckDB's `::` casts are left alone, so a `:word`
 * inside a literal is never taken for a placeholder. Every problem (a placeholder without a value, a
 * value no placeholder uses) is reported at once.
 *
 * @example
 * bindNamed('SELECT * FROM t WHERE tier = :tier AND day >= CAST(:since AS DATE)', { tier: 'micro', since: '2025-01-01' });
 * // { sql: 'SELECT * FROM t WHERE tier = ? AND day >= CAST(? AS DATE)', params: ['micro', '2025-01-01'] }
 */
export function bindNamed(sql: string, values: Readonly<Record<string, SqlValue>>): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const used = new Set<string>();
  const missing = new Set<string>();
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const skip = skipOver(sql, i);
    if (skip > i) {
      out += sql.slice(i, skip);
      i = skip;
      continue;
    }
    if (ch === ':' && sql[i + 1] === ':') {
      out += '::';
      i += 2;
      continue;
    }
    const name = ch === ':' ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] : undefined;
    if (name) {
      if (Object.hasOwn(values, name)) params.push(values[name] as SqlValue);
      else missing.add(name);
      used.add(name);
      out += '?';
      i += name.length + 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  const unused = Object.keys(values).filter((k) => !used.has(k));
  const problems = [
    ...[...missing].map((n) => `:${n} has no value — add --param ${n}=<value>`),
    ...unused.map((n) => `--param ${n} is not used — the SQL has no :${n}`),
  ];
  if (problems.length > 0) throw new Error(`query parameters: ${problems.join('; ')}`);
  return { sql: out, params };
}

/** The index just past a quoted string, quoted identifier or comment starting at `i`, else `i`. */
function skipOver(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"') {
    for (let j = i + 1; j < sql.length; j++) {
      if (sql[j] === ch) {
        if (sql[j + 1] === ch) j++;
        else return j + 1;
      }
    }
    return sql.length;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/**
 * One `name=value` from the command line as a typed value: an integer, a decimal number, `true`/`false`
 * and `null` keep their type; everything else is text (compare dates as `CAST(:since AS DATE)`, which
 * both engines accept).
 *
 * @example
 * parseParam('n=10');        // ['n', 10]
 * parseParam('tier=micro');  // ['tier', 'micro']
 */
export function parseParam(text: string): [string, SqlValue] {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`--param '${text}': expected name=value with a name of letters, digits and _ (e.g. --param tier=micro)`);
  }
  const raw = text.slice(eq + 1);
  if (/^-?\d+$/.test(raw)) {
    const n = Number(raw);
    return [name, Number.isSafeInteger(n) ? n : BigInt(raw)];
  }
  if (/^-?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) || /^-?\d+[eE][-+]?\d+$/.test(raw)) return [name, Number(raw)];
  if (raw === 'true' || raw === 'false') return [name, raw === 'true'];
  if (raw === 'null') return [name, null];
  return [name, raw];
}
