/** A table reduced to what a renderer needs, whatever it came from. */
export interface Tabular {
  readonly columns: readonly { readonly name: string; readonly type: string; readonly nulls: number }[];
  /** At most the requested number of rows, values in column order. */
  readonly rows: readonly (readonly unknown[])[];
  readonly rowCount: number;
  readonly source: 'rows' | 'query' | 'arrow' | 'dataframe';
}

type Row = Readonly<Record<string, unknown>>;

interface ArrowLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type: unknown }[] };
  getChildAt(i: number): { readonly nullCount: number; get(i: number): unknown } | null;
}

interface DataFrameLike {
  readonly columns: readonly string[];
  readonly dtypes: readonly string[];
  readonly values: readonly unknown[];
  readonly shape: readonly number[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

const isPlainRow = (x: unknown): x is Row => isObject(x) && !Array.isArray(x) && !(x instanceof Date) && !(x instanceof Uint8Array);

/** An Apache Arrow table, recognised by shape so that any copy of the arrow package works. */
export function isArrowTable(x: unknown): x is ArrowLike {
  return (
    isObject(x) &&
    typeof x.numRows === 'number' &&
    isObject(x.schema) &&
    Array.isArray(x.schema.fields) &&
    typeof x.getChildAt === 'function'
  );
}

/** A danfo.js DataFrame, recognised by shape (danfo need not be installed to render one). */
export function isDataFrame(x: unknown): x is DataFrameLike {
  return isObject(x) && Array.isArray(x.columns) && Array.isArray(x.dtypes) && Array.isArray(x.values) && Array.isArray(x.shape);
}

/** A query result (`sql()`): typed columns and rows as objects. */
function isQueryResult(x: unknown): x is { columns: readonly { name: string; type: string }[]; rows: readonly Row[] } {
  return (
    isObject(x) &&
    Array.isArray(x.rows) &&
    Array.isArray(x.columns) &&
    x.columns.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.type === 'string')
  );
}

/** True when {@link toTabular} can render `x`. */
export function isTabular(x: unknown): boolean {
  return isQueryResult(x) || isArrowTable(x) || isDataFrame(x) || (Array.isArray(x) && x.length > 0 && x.every(isPlainRow));
}

const isNull = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/**
 * Normalises rows of objects, a query result, an Arrow table or a danfo DataFrame. Null counts cover
 * every row, not only the ones kept; for plain rows the type of a column is inferred from its values.
 *
 * @example
 * toTabular([{ a: 1 }, { a: null }], 10)?.columns; // [{ name: 'a', type: 'int', nulls: 1 }]
 */
export function toTabular(x: unknown, maxRows: number): Tabular | undefined {
  if (isQueryResult(x)) {
    const keys = x.rows.length > 0 ? Object.keys(x.rows[0] as Row) : x.columns.map((c) => c.name);
    const columns = x.columns.map((c, i) => ({ name: c.name, type: c.type, nulls: countNulls(x.rows, keys[i] ?? c.name) }));
    return { columns, rows: x.rows.slice(0, maxRows).map((r) => keys.map((k) => r[k])), rowCount: x.rows.length, source: 'query' };
  }
  if (isArrowTable(x)) {
    const children = x.schema.fields.map((_, i) => x.getChildAt(i));
    const columns = x.schema.fields.map((f, i) => ({ name: f.name, type: String(f.type), nulls: children[i]?.nullCount ?? 0 }));
    const n = Math.min(maxRows, x.numRows);
    const rows: unknown[][] = [];
    for (let r = 0; r < n; r++) rows.push(children.map((c) => arrowValue(c?.get(r))));
    return { columns, rows, rowCount: x.numRows, source: 'arrow' };
  }
  if (isDataFrame(x)) {
    const values = x.values as readonly (readonly unknown[])[];
    const columns = x.columns.map((name, i) => ({
      name,
      type: x.dtypes[i] ?? 'unknown',
      nulls: values.reduce((n, row) => n + (isNull(row[i]) ? 1 : 0), 0),
    }));
    return { columns, rows: values.slice(0, maxRows), rowCount: x.shape[0] ?? values.length, source: 'dataframe' };
  }
  if (Array.isArray(x) && x.length > 0 && x.every(isPlainRow)) {
    const names = [...new Set(x.flatMap((r) => Object.keys(r)))];
    const columns = names.map((name) => ({ name, type: inferType(x, name), nulls: countNulls(x, name) }));
    return { columns, rows: x.slice(0, maxRows).map((r) => names.map((k) => r[k])), rowCount: x.length, source: 'rows' };
  }
  return undefined;
}

function countNulls(rows: readonly Row[], key: string): number {
  let n = 0;
  for (const r of rows) if (isNull(r[key])) n++;
  return n;
}

/** Arrow hands out its own vectors and structs for nested values; `toJSON` gives plain ones. */
function arrowValue(v: unknown): unknown {
  if (isObject(v) && typeof v.toJSON === 'function' && !(v instanceof Date)) return (v.toJSON as () => unknown)();
  return v;
}

function kindOf(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'bigint';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof Date) return 'date';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  return 'object';
}

function inferType(rows: readonly Row[], key: string): string {
  const kinds = new Set<string>();
  for (const r of rows) if (!isNull(r[key])) kinds.add(kindOf(r[key]));
  if (kinds.size === 0) return 'null';
  if (kinds.size === 2 && kinds.has('int') && kinds.has('float')) return 'float';
  return kinds.size === 1 ? ([...kinds][0] as string) : `mixed(${[...kinds].sort().join('|')})`;
}
