/**
 * A column type is frozen plain data (`kind`, `nullable`, constraints) that carries its TypeScript value type
 * at the type level, so a contract's row type is inferred from its columns and never written twice.
 */

/** The logical kinds a column can have. Lists hold one element kind. */
export type ColumnKind = 'string' | 'int64' | 'float64' | 'bool' | 'timestamp' | 'date' | 'list';

/** Constraints checked by the runtime validator and exported to JSON Schema. */
export interface ColumnConstraints {
  /** Allowed values of a string column (an enum). */
  readonly values?: readonly string[];
  /** Regular expression (source text) a string must match. */
  readonly pattern?: string;
  /** Inclusive numeric bounds. */
  readonly min?: number;
  readonly max?: number;
}

/**
 * One column type. `T` is the value's TypeScript type as it travels in JSON (see {@link ValueOf}); `N` says
 * whether the column may be missing or null.
 */
export interface ColumnType<K extends ColumnKind = ColumnKind, T = unknown, N extends boolean = boolean> extends ColumnConstraints {
  readonly kind: K;
  readonly nullable: N;
  /** Element type of a list column. */
  readonly element?: ColumnType;
  /** Timestamps only: always microseconds, always UTC instants. */
  readonly unit?: 'microsecond';
  readonly timeZone?: 'UTC';
  readonly description?: string;
  /** The same type, allowed to be missing or null (adding such a column is backward compatible). */
  optional(): ColumnType<K, T, true>;
  /** The same type with a description (kept in the Iceberg `doc` and the JSON Schema). */
  describe(text: string): ColumnType<K, T, N>;
  /** Phantom: never present at run time. */
  readonly __value?: T;
}

/** Any column type. */
export type AnyColumn = ColumnType<ColumnKind, unknown, boolean>;

/** The JSON value type of a column (ignoring nullability). */
export type ValueOf<C> = C extends ColumnType<ColumnKind, infer T, boolean> ? T : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<C> = { [K in keyof C]: C[K] extends ColumnType<ColumnKind, unknown, true> ? never : K }[keyof C];
type OptionalKeys<C> = { [K in keyof C]: C[K] extends ColumnType<ColumnKind, unknown, true> ? K : never }[keyof C];

/**
 * The row type of a set of columns: required columns as required keys, optional ones as `key?: T | null`.
 *
 * @example
 * const cols = { id: t.string(), likes: t.int64(), note: t.string().optional() };
 * type Row = RowOf<typeof cols>; // { id: string; likes: number; note?: string | null }
 */
export type RowOf<C extends Record<string, AnyColumn>> = Simplify<
  { readonly [K in RequiredKeys<C>]: ValueOf<C[K]> } & { readonly [K in OptionalKeys<C>]?: ValueOf<C[K]> | null }
>;
