import type { AnyColumn, ColumnConstraints, ColumnKind, ColumnType, ValueOf } from './column.ts';

interface Spec extends ColumnConstraints {
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly element?: AnyColumn;
  readonly unit?: 'microsecond';
  readonly timeZone?: 'UTC';
  readonly description?: string;
}

/**
 * Freezes a spec into a column type. The two builder methods are non-enumerable so that the type stays
 * plain data for `JSON.stringify`, deep equality and structural comparison.
 */
function column<K extends ColumnKind, T, N extends boolean>(spec: Spec): ColumnType<K, T, N> {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) if (v !== undefined) data[k] = v;
  Object.defineProperty(data, 'optional', { value: () => column({ ...spec, nullable: true }), enumerable: false });
  Object.defineProperty(data, 'describe', { value: (text: string) => column({ ...spec, description: text }), enumerable: false });
  return Object.freeze(data) as unknown as ColumnType<K, T, N>;
}

interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
}

/**
 * The column type constructors. Values travel as JSON: `int64` is a JSON integer (checked to be a safe
 * integer; counters here stay far below 2^53), `timestamp` an ISO-8601 UTC string with milliseconds or
 * microseconds (`2024-03-01T12:00:00.000Z`), `date` a `YYYY-MM-DD` string.
 *
 * @example
 * const columns = {
 *   creator_id: t.string(), likes: t.int64({ min: 0 }), platform: t.enum(['instagram', 'tiktok']),
 *   observed_at: t.timestamp(), hashtags: t.list(t.string()), campaign_id: t.string().optional(),
 * };
 */
export const t = Object.freeze({
  string: (c: { readonly pattern?: string } = {}): ColumnType<'string', string, false> =>
    column({ kind: 'string', nullable: false, ...(c.pattern === undefined ? {} : { pattern: c.pattern }) }),
  /** A string restricted to `values`; its TypeScript type is their union. */
  enum: <const V extends readonly string[]>(values: V): ColumnType<'string', V[number], false> =>
    column({ kind: 'string', nullable: false, values: Object.freeze([...values]) }),
  int64: (b: NumberBounds = {}): ColumnType<'int64', number, false> => column({ kind: 'int64', nullable: false, ...b }),
  float64: (b: NumberBounds = {}): ColumnType<'float64', number, false> => column({ kind: 'float64', nullable: false, ...b }),
  bool: (): ColumnType<'bool', boolean, false> => column({ kind: 'bool', nullable: false }),
  /** A UTC instant with microsecond precision. */
  timestamp: (): ColumnType<'timestamp', string, false> =>
    column({ kind: 'timestamp', nullable: false, unit: 'microsecond', timeZone: 'UTC' }),
  /** A calendar date without time zone. */
  date: (): ColumnType<'date', string, false> => column({ kind: 'date', nullable: false }),
  /** A list of non-null elements. */
  list: <E extends AnyColumn>(element: E): ColumnType<'list', readonly ValueOf<E>[], false> =>
    column({ kind: 'list', nullable: false, element }),
});
