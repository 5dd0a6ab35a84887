/**
 * The scalar types the feature layer reasons about. Column types come from `sdk/types`; this file is the one
 * place that maps them onto the handful of kinds that expressions and aggregates need to check and infer.
 */
export const SCALAR_KINDS = ['string', 'int64', 'float64', 'bool', 'timestamp', 'date'] as const;
export type ScalarKind = (typeof SCALAR_KINDS)[number];

/** A value type: a scalar, or a list of scalars (the output of `lastK`). */
export type ValueType = ScalarKind | `list<${ScalarKind}>`;

/** The TypeScript type that a scalar kind reads back as (DuckDB / Arrow conventions: int64 → bigint). */
export interface TsOfKind {
  string: string;
  int64: bigint;
  float64: number;
  bool: boolean;
  timestamp: Date;
  date: Date;
}

export const isNumeric = (k: ValueType): boolean => k === 'int64' || k === 'float64';
export const isScalar = (k: ValueType): k is ScalarKind => (SCALAR_KINDS as readonly string[]).includes(k);

/** The common type of two branches (`caseWhen`, `coalesce`, arithmetic), or undefined when they do not mix. */
export function commonType(a: ValueType, b: ValueType): ValueType | undefined {
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return 'float64';
  return undefined;
}

const ALIASES: Record<string, ScalarKind> = {
  string: 'string',
  utf8: 'string',
  varchar: 'string',
  text: 'string',
  enum: 'string',
  uuid: 'string',
  int8: 'int64',
  int16: 'int64',
  int32: 'int64',
  int64: 'int64',
  integer: 'int64',
  bigint: 'int64',
  long: 'int64',
  float32: 'float64',
  float64: 'float64',
  float: 'float64',
  double: 'float64',
  decimal: 'float64',
  bool: 'bool',
  boolean: 'bool',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  timestamp_tz: 'timestamp',
  date: 'date',
};

/**
 * The scalar kind of a column type from `sdk/types` (or a plain kind name), undefined when the feature layer
 * cannot use it (lists, maps, structs: aggregate over a derived scalar instead).
 *
 * Narrower integer and float widths widen to int64 / float64 because every aggregate computes in those.
 */
export function scalarKindOf(columnType: unknown): ScalarKind | undefined {
  if (typeof columnType === 'string') return ALIASES[columnType.toLowerCase()];
  if (columnType !== null && typeof columnType === 'object') {
    const o = columnType as Record<string, unknown>;
    for (const key of ['kind', 'type', 'name', 'logical']) {
      const v = o[key];
      if (typeof v === 'string' && ALIASES[v.toLowerCase()] !== undefined) return ALIASES[v.toLowerCase()];
    }
  }
  return undefined;
}

/** Whether a timestamp column type carries a time zone (Trino needs a different epoch expression for it). */
export function hasTimeZone(columnType: unknown): boolean {
  if (typeof columnType === 'string') return /tz|zone/i.test(columnType);
  if (columnType !== null && typeof columnType === 'object') {
    const o = columnType as Record<string, unknown>;
    if (o.tz === true || o.withTimeZone === true || o.utc === true || typeof o.timeZone === 'string') return true;
    return ['kind', 'type', 'name'].some((k) => typeof o[k] === 'string' && /tz|zone/i.test(o[k] as string));
  }
  return false;
}
