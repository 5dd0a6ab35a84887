import type { AnyContract } from '../sdk/contracts/index.ts';
import { identifier, literal } from '../sdk/engines/index.ts';
import { duckdbType } from '../sdk/types/index.ts';
import type { DayRange } from './types.ts';

/** `lake."ns"."table"` */
export function lakeTable(namespace: string, table: string): string {
  return `lake.${identifier(namespace)}.${identifier(table)}`;
}

/** The contract's columns as DuckDB DDL, in contract order (field ids follow that order). */
export function columnsDdl(contract: AnyContract): string {
  return Object.entries(contract.columns)
    .map(([name, col]) => `${identifier(name)} ${duckdbType(col)}`)
    .join(', ');
}

/** The `json_transform` structure that reads a payload; timestamps and dates as text, cast afterwards. */
export function jsonStructure(contract: AnyContract): string {
  const spec: Record<string, unknown> = {};
  for (const [name, col] of Object.entries(contract.columns)) {
    const type = duckdbType(col);
    spec[name] = type.endsWith('[]')
      ? [type.slice(0, -2).replace(/TIMESTAMPTZ|DATE/, 'VARCHAR')]
      : /TIMESTAMPTZ|DATE/.test(type)
        ? 'VARCHAR'
        : type;
  }
  return JSON.stringify(spec);
}

/** `r.col` cast to the contract's type, for each column, named as the contract names it. */
export function typedSelect(contract: AnyContract, record: string): string {
  return Object.entries(contract.columns)
    .map(([name, col]) => {
      const value = `${record}.${identifier(name)}`;
      const type = duckdbType(col);
      return `${/^(TIMESTAMPTZ|DATE)$/.test(type) ? `CAST(${value} AS ${type})` : value} AS ${identifier(name)}`;
    })
    .join(', ');
}

/** A SQL predicate keeping the days of `range` for a DATE expression; `TRUE` for an open range. */
export function dayPredicate(day: string, range: DayRange): string {
  const parts: string[] = [];
  if (range.from) parts.push(`${day} >= DATE ${literal(range.from)}`);
  if (range.to) parts.push(`${day} <= DATE ${literal(range.to)}`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** The same range widened one day back (follower growth needs the day before the first). */
export function withDayBefore(range: DayRange): DayRange {
  if (!range.from) return range;
  const d = new Date(`${range.from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return { ...range, from: d.toISOString().slice(0, 10) };
}
