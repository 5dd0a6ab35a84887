/**
 * SQL literals for the few statements DuckDB cannot take parameters in (`ATTACH`, `CREATE SECRET`, `SET`,
 * `INSTALL`): single quotes doubled, so no value can end the literal early.
 *
 * @example literal("it's") // "'it''s'"
 */
export function literal(value: string): string {
  if (value.includes('\u0000')) throw new Error('a SQL literal cannot contain a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted identifier (`"name"`), embedded quotes doubled. */
export function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
