import { IssueCollector } from '../../errors/index.ts';
import { INVALID_INPUT } from '../validate.ts';

/**
 * The part of MLflow's search syntax the local store understands: clauses joined by AND, each
 * `<type>.<key> <op> <value>` with types `attributes` (the default), `metrics`, `params`, `tags`; ops
 * `= != < <= > >= LIKE ILIKE IN NOT IN`; values quoted strings, numbers, or a parenthesised list for IN.
 * Keys with spaces or dots go in backticks or double quotes (`` tags.`mlflow.runName` ``). OR is not
 * supported (MLflow's own file store does not support it either).
 */

export type FieldType = 'attribute' | 'metric' | 'param' | 'tag';
export type FieldValue = string | number | undefined;
/** Looks up a field of one entity; undefined when it has none (the clause is then false). */
export type Resolver<T> = (item: T, type: FieldType, key: string) => FieldValue;

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';
interface Clause {
  readonly type: FieldType;
  readonly key: string;
  readonly op: Op;
  readonly value: string | number | readonly (string | number)[];
}

const TYPES: Record<string, FieldType> = {
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
};

const TOKEN = /\s*(?:(`[^`]*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(<=|>=|!=|=|<|>|\(|\)|,)|([^\s=<>!(),'"`]+))/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw badFilter(text, `unexpected character at position ${at}`);
    out.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return out;
}

function badFilter(text: string, why: string): Error {
  const issues = new IssueCollector();
  issues.add(
    'mlflow.bad_filter',
    'filter',
    `cannot read filter "${text}": ${why} — write clauses like "tags.team = 'kol' AND metrics.auc > 0.8"`,
  );
  issues.throwIfAny('invalid search filter', INVALID_INPUT);
  return new Error('unreachable');
}

const unquote = (t: string): string => (/^[`"']/.test(t) ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t);

function identifier(token: string, text: string): { type: FieldType; key: string } {
  if (/^[`"]/.test(token)) return { type: 'attribute', key: unquote(token) };
  const dot = token.indexOf('.');
  if (dot < 0) return { type: 'attribute', key: token };
  const type = TYPES[token.slice(0, dot).toLowerCase()];
  if (!type) throw badFilter(text, `unknown field type '${token.slice(0, dot)}' (use attributes, metrics, params or tags)`);
  return { type, key: unquote(token.slice(dot + 1)) };
}

function literal(token: string | undefined, text: string): string | number {
  if (token === undefined) throw badFilter(text, 'a value is missing');
  if (/^['"]/.test(token)) return unquote(token);
  const n = Number(token);
  if (!Number.isNaN(n)) return n;
  throw badFilter(text, `value ${token} must be quoted`);
}

export function parseFilter(text: string | undefined): Clause[] {
  if (!text || text.trim() === '') return [];
  const tokens = tokenize(text);
  const clauses: Clause[] = [];
  let i = 0;
  // Identifiers split by the tokenizer (`tags.` followed by a quoted key) are joined back here.
  const nextIdentifier = (): string => {
    let t = tokens[i++] as string;
    if (t.endsWith('.') && /^[`"]/.test(tokens[i] ?? '')) t += tokens[i++];
    return t;
  };
  while (i < tokens.length) {
    const { type, key } = identifier(nextIdentifier(), text);
    let op = (tokens[i++] ?? '').toUpperCase();
    if (op === 'NOT' && (tokens[i] ?? '').toUpperCase() === 'IN') {
      i++;
      op = 'NOT IN';
    }
    if (!['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'].includes(op))
      throw badFilter(text, `unknown comparison '${op}'`);
    let value: Clause['value'];
    if (op === 'IN' || op === 'NOT IN') {
      if (tokens[i++] !== '(') throw badFilter(text, `${op} needs a list in parentheses`);
      const items: (string | number)[] = [];
      while (tokens[i] !== ')') {
        items.push(literal(tokens[i++], text));
        if (tokens[i] === ',') i++;
        else if (tokens[i] !== ')') throw badFilter(text, 'list items are separated by commas');
      }
      i++;
      value = items;
    } else value = literal(tokens[i++], text);
    clauses.push({ type, key, op: op as Op, value });
    if (i < tokens.length) {
      const joiner = (tokens[i++] as string).toUpperCase();
      if (joiner !== 'AND') throw badFilter(text, `only AND joins clauses here, found '${joiner}'`);
    }
  }
  return clauses;
}

function like(pattern: string, flags: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, `s${flags}`);
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function matches(actual: FieldValue, clause: Clause): boolean {
  if (actual === undefined) return false;
  const v = clause.value;
  switch (clause.op) {
    case 'IN':
      return (v as readonly (string | number)[]).some((x) => compare(actual, x) === 0);
    case 'NOT IN':
      return !(v as readonly (string | number)[]).some((x) => compare(actual, x) === 0);
    case 'LIKE':
      return like(String(v), '').test(String(actual));
    case 'ILIKE':
      return like(String(v), 'i').test(String(actual));
    default: {
      const c = compare(typeof actual === 'string' && typeof v === 'number' ? Number(actual) : actual, v as string | number);
      if (Number.isNaN(c)) return false;
      return clause.op === '='
        ? c === 0
        : clause.op === '!='
          ? c !== 0
          : clause.op === '<'
            ? c < 0
            : clause.op === '<='
              ? c <= 0
              : clause.op === '>'
                ? c > 0
                : c >= 0;
    }
  }
}

/**
 * Items that satisfy every clause of `filter`.
 *
 * @example
 * applyFilter(runs, "tags.team = 'kol' AND metrics.auc > 0.8", resolveRunField);
 */
export function applyFilter<T>(items: readonly T[], filter: string | undefined, resolve: Resolver<T>): T[] {
  const clauses = parseFilter(filter);
  return items.filter((item) => clauses.every((c) => matches(resolve(item, c.type, c.key), c)));
}

/**
 * Sorted by `orderBy` (`'metrics.auc DESC'`, `'name'`…), then by `fallback`; items without the field
 * go last, as in MLflow.
 */
export function applyOrder<T>(
  items: readonly T[],
  orderBy: readonly string[] | undefined,
  resolve: Resolver<T>,
  fallback: readonly string[],
): T[] {
  const keys = [...(orderBy ?? []), ...fallback].map((spec) => {
    const m = /^\s*(.+?)(?:\s+(ASC|DESC))?\s*$/i.exec(spec);
    const { type, key } = identifier((m?.[1] ?? spec).trim(), spec);
    return { type, key, desc: (m?.[2] ?? 'ASC').toUpperCase() === 'DESC' };
  });
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = resolve(a, k.type, k.key);
      const y = resolve(b, k.type, k.key);
      if (x === undefined && y === undefined) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = compare(x, y);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}

/** MLflow's page tokens: base64 of `{"offset": n}`. */
export function paginate<T>(
  items: readonly T[],
  pageToken: string | undefined,
  maxResults: number,
): { items: T[]; nextPageToken: string | undefined } {
  let offset = 0;
  if (pageToken) {
    try {
      offset = Number((JSON.parse(Buffer.from(pageToken, 'base64').toString('utf8')) as { offset?: unknown }).offset ?? 0);
    } catch {
      offset = Number.NaN;
    }
    if (!Number.isSafeInteger(offset) || offset < 0) badFilter(pageToken, 'the page token is not one this store issued');
  }
  const end = offset + maxResults;
  return {
    items: items.slice(offset, end),
    nextPageToken: end < items.length ? Buffer.from(JSON.stringify({ offset: end }).replace(':', ': ')).toString('base64') : undefined,
  };
}
