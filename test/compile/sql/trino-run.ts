import type { FeatureSetDef, SourceDef } from '../../../sdk/features/index.ts';

/** A minimal Trino statement client for tests (the engines layer will own the real one). */
export async function trinoRows(server: string, sql: string): Promise<{ columns: { name: string; type: string }[]; rows: unknown[][] }> {
  let res = (await (
    await fetch(`${server}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'kol' } })
  ).json()) as TrinoPage;
  const rows: unknown[][] = [];
  let columns: { name: string; type: string }[] = [];
  for (;;) {
    if (res.error !== undefined) throw new Error(`trino: ${res.error.message}`);
    if (res.columns !== undefined) columns = res.columns;
    if (res.data !== undefined) rows.push(...res.data);
    if (res.nextUri === undefined) return { columns, rows };
    res = (await (await fetch(res.nextUri)).json()) as TrinoPage;
  }
}

interface TrinoPage {
  columns?: { name: string; type: string }[];
  data?: unknown[][];
  nextUri?: string;
  error?: { message: string };
}

const TYPES: Record<string, string> = { string: 'varchar', int64: 'bigint', float64: 'double', bool: 'boolean', timestamp: 'timestamp(6)' };

function literal(v: unknown, type: string): string {
  if (v === null || v === undefined) return `CAST(NULL AS ${TYPES[type]})`;
  if (v instanceof Date) return `CAST(TIMESTAMP '${v.toISOString().replace('T', ' ').replace('Z', '')}' AS timestamp(6))`;
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  return `CAST(${String(v)} AS ${TYPES[type]})`;
}

/** An inline relation with a source's columns and types, to stand in for its lake table. */
export function valuesRelation(source: SourceDef, rows: readonly Record<string, unknown>[]): string {
  const names = Object.keys(source.columns);
  const body = rows.map((r) => `(${names.map((n) => literal(r[n], source.columns[n]?.type ?? 'string')).join(', ')})`).join(', ');
  return `(VALUES ${body}) AS src (${names.map((n) => `"${n}"`).join(', ')})`;
}

export function spineRelation(keys: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const body = rows.map((r) => `(${[...keys.map((k) => literal(r[k], 'string')), literal(r.as_of, 'timestamp')].join(', ')})`).join(', ');
  return `(VALUES ${body}) AS spine (${[...keys, 'as_of'].map((n) => `"${n}"`).join(', ')})`;
}

/** Trino's JSON values as the engines' JS values (bigint, Date), by the set's output types. */
export function fromTrino(set: FeatureSetDef, columns: { name: string }[], rows: unknown[][]): Record<string, unknown>[] {
  const types = new Map<string, string>(set.outputs.map((o) => [o.name, o.type]));
  for (const k of set.entity.keys) types.set(k, 'string');
  types.set('as_of', 'timestamp');
  const conv = (v: unknown, t: string | undefined): unknown => {
    if (v === null) return null;
    if (t === 'int64') return BigInt(v as number);
    if (t === 'timestamp') return new Date(`${String(v).replace(' ', 'T')}Z`);
    if (t === 'float64') return typeof v === 'string' ? Number(v) : v;
    if (t?.startsWith('list<')) return (v as unknown[]).map((x) => conv(x, t.slice(5, -1)));
    return v;
  };
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, conv(r[i], types.get(c.name))])));
}
