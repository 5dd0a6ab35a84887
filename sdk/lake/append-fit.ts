import type { DuckDBRunner, SqlParams } from '../engines/duckdb/runner.ts';
import { LakeError } from './errors.ts';

/** One column of a table or of the rows offered to it: name and DuckDB type. */
export interface ColumnType {
  readonly name: string;
  readonly type: string;
}

/** What is wrong at one position of an append, in words for the error. */
export interface ColumnMisfit {
  readonly position: number;
  readonly table?: ColumnType;
  readonly rows?: ColumnType;
  readonly problem: 'missing' | 'extra' | 'type' | 'order';
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
const TEMPORAL = /^(DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS)$/;

/**
 * Whether rows of type `from` go into a column of type `to` without changing what they mean: the same
 * type, a NULL, a number into a number, a date or time into a date or time, anything into text. Text
 * into a number, a boolean into a number or a number into a timestamp is refused: DuckDB would cast, or
 * fail halfway, and a mistaken column order would land silently.
 *
 * @example fits('INTEGER', 'BIGINT'); // true
 * @example fits('VARCHAR', 'BIGINT'); // false
 */
export function fits(from: string, to: string): boolean {
  if (from === to || from === 'NULL' || to === 'VARCHAR') return true;
  if (NUMERIC.test(from) && NUMERIC.test(to)) return true;
  return TEMPORAL.test(from) && TEMPORAL.test(to);
}

/**
 * The differences, position by position, between a table's columns and the columns of the rows
 * offered to it (matched by position, as `INSERT INTO t SELECT …` matches them). Empty when they fit.
 *
 * @example
 * misfits([{ name: 'id', type: 'BIGINT' }], [{ name: 'id', type: 'VARCHAR' }]); // [{ position: 1, problem: 'type', … }]
 */
export function misfits(table: readonly ColumnType[], rows: readonly ColumnType[]): ColumnMisfit[] {
  const out: ColumnMisfit[] = [];
  for (let i = 0; i < Math.max(table.length, rows.length); i++) {
    const [t, r] = [table[i], rows[i]];
    if (!r) out.push({ position: i + 1, ...(t ? { table: t } : {}), problem: 'missing' });
    else if (!t) out.push({ position: i + 1, rows: r, problem: 'extra' });
    else if (r.name !== t.name && table.some((c) => c.name === r.name) && !fits(r.type, t.type))
      out.push({ position: i + 1, table: t, rows: r, problem: 'order' });
    else if (!fits(r.type, t.type)) out.push({ position: i + 1, table: t, rows: r, problem: 'type' });
  }
  return out;
}

const describe = (c: ColumnType | undefined): string => (c ? `${c.name} ${c.type}` : '—');

function line(m: ColumnMisfit): string {
  switch (m.problem) {
    case 'missing':
      return `  ${m.position}. ${describe(m.table)}: no value (the rows have fewer columns)`;
    case 'extra':
      return `  ${m.position}. the rows' ${describe(m.rows)} has no column in the table`;
    case 'order':
      return `  ${m.position}. ${describe(m.table)} gets the rows' ${describe(m.rows)}: columns are matched by position, and ${m.rows?.name} is elsewhere in the table`;
    default:
      return `  ${m.position}. ${describe(m.table)} gets the rows' ${describe(m.rows)}: ${m.rows?.type} does not go into ${m.table?.type}`;
  }
}

/**
 * Refuses, before anything is written, rows whose columns do not fit the table, listing each position
 * that differs. The query is only described (`LIMIT 0`), not run.
 *
 * @example await checkAppendFits(runner, 'kol_test.events', 'lake."kol_test"."events"', "SELECT 'x', 1");
 */
export async function checkAppendFits(
  runner: DuckDBRunner,
  display: string,
  table: string,
  query: string,
  params?: SqlParams,
): Promise<void> {
  const tableCols = ((await runner.rows(`DESCRIBE ${table}`)) as { column_name: string; column_type: string }[]).map((c) => ({
    name: c.column_name,
    type: c.column_type,
  }));
  const reader = await runner.connection.runAndReadAll(
    `SELECT * FROM (${query}) AS offered LIMIT 0`,
    params === undefined ? undefined : Array.isArray(params) ? [...params] : { ...(params as Record<string, never>) },
  );
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const rowCols = names.map((name, i) => ({ name, type: String(types[i]) }));
  const found = misfits(tableCols, rowCols);
  if (found.length === 0) return;
  throw new LakeError(
    'lake.schema_mismatch',
    `the rows do not fit ${display} (${tableCols.length} columns; the rows have ${rowCols.length}), column by column:\n${found.map(line).join('\n')}`,
    'select the table’s columns in its order, casting where a type differs (e.g. CAST(x AS BIGINT)); a new column needs ALTER TABLE … ADD COLUMN first',
    { table: display },
  );
}
