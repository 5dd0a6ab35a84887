import { IssueCollector } from '../errors/index.ts';
import { didYouMean } from '../util/suggest.ts';
import { hasTimeZone, type ScalarKind, scalarKindOf } from './value-type.ts';

/** A source column as data: its scalar kind (or 'other' when the feature layer cannot aggregate it). */
export interface SourceColumn {
  readonly type: ScalarKind | 'other';
  /** For timestamps: whether the lake stores it with a time zone (Trino spells its epoch differently). */
  readonly tz: boolean;
}

/**
 * Where events come from, once for both paths: a lake table (batch: DuckDB / Trino) and a Kafka topic
 * (stream). `Cols` keeps the declared column types at the type level for `InferFeatureRow` and column checks.
 */
export interface SourceDef<Name extends string = string, Cols extends Record<string, unknown> = Record<string, unknown>> {
  readonly kind: 'source';
  readonly name: Name;
  readonly table: string;
  readonly topic: string | null;
  /** When the event happened (windows are over this). */
  readonly eventTime: string;
  /** Bitemporal sources: when this version of the event became known (revised counters). */
  readonly observedTime: string | null;
  /** Columns identifying one event across its revisions and duplicate deliveries. */
  readonly eventKey: readonly string[];
  readonly columns: Readonly<Record<string, SourceColumn>>;
  readonly description: string;
  readonly __columns?: Cols;
}

export interface SourceInput<Name extends string, Cols extends Record<string, unknown>> {
  name: Name;
  /** Lake table, e.g. `kol_silver.engagement_observations`. */
  table: string;
  /** Kafka topic of the same events, e.g. `kol.engagement_observations.v1`. */
  topic?: string;
  eventTime: keyof Cols & string;
  observedTime?: keyof Cols & string;
  /** Required for bitemporal sources: which columns say "the same event" across observations. */
  eventKey?: (keyof Cols & string) | readonly (keyof Cols & string)[];
  /** Column types (`t.int64()` …) — or pass `contract` and let its fields supply them. */
  columns?: Cols;
  contract?: { readonly fields?: unknown; readonly columns?: unknown; readonly schema?: unknown };
  description?: string;
}

/**
 * Declares an event source. Problems (unknown time column, a bitemporal source without an event key…) are
 * collected and thrown once.
 *
 * @example
 * export const engagement = defineSource({
 *   name: 'engagement', table: 'kol_silver.engagement_observations', topic: 'kol.engagement_observations.v1',
 *   eventTime: 'posted_at', observedTime: 'observed_at', eventKey: 'post_id',
 *   columns: { creator_id: t.string(), post_id: t.string(), likes: t.int64(), posted_at: t.timestamp(), observed_at: t.timestamp() },
 * });
 */
export function defineSource<const Name extends string, const Cols extends Record<string, unknown>>(
  input: SourceInput<Name, Cols>,
): SourceDef<Name, Cols> {
  const issues = new IssueCollector();
  const path = `source '${input.name}'`;
  const declared = input.columns ?? columnsOfContract(input.contract);
  if (declared === undefined)
    issues.add('features.source_columns', path, 'give `columns` (t.int64() …) or a `contract` whose fields supply them');
  const columns: Record<string, SourceColumn> = {};
  for (const [name, type] of Object.entries(declared ?? {})) {
    columns[name] = Object.freeze({ type: scalarKindOf(type) ?? 'other', tz: hasTimeZone(type) });
  }
  const names = Object.keys(columns);
  const check = (field: string, col: string | undefined, kinds?: readonly string[]) => {
    if (col === undefined || declared === undefined) return;
    const c = columns[col];
    if (c === undefined)
      issues.add(
        'features.unknown_column',
        `${path}.${field}`,
        `unknown column '${col}' in source '${input.name}'${didYouMean(col, names)}`,
      );
    else if (kinds !== undefined && !kinds.includes(c.type)) {
      issues.add('features.type_mismatch', `${path}.${field}`, `'${col}' is ${c.type}; ${field} must be a timestamp column`);
    }
  };
  check('eventTime', input.eventTime, ['timestamp']);
  check('observedTime', input.observedTime, ['timestamp']);
  const eventKey = input.eventKey === undefined ? [] : typeof input.eventKey === 'string' ? [input.eventKey] : [...input.eventKey];
  eventKey.forEach((k, i) => {
    check(`eventKey[${i}]`, k);
  });
  if (input.observedTime !== undefined && eventKey.length === 0) {
    issues.add(
      'features.bitemporal_needs_event_key',
      `${path}.eventKey`,
      `source '${input.name}' has observedTime '${input.observedTime}' but no eventKey: name the column(s) that identify one event across its observations (e.g. eventKey: 'post_id'), or revisions would be counted as separate events`,
    );
  }
  if (input.table.trim() === '')
    issues.add('features.source_table', `${path}.table`, 'give the lake table, e.g. kol_silver.engagement_observations');
  issues.throwIfAny(`Source '${input.name}' is not valid`, 'features.invalid_source');
  return Object.freeze({
    kind: 'source',
    name: input.name,
    table: input.table,
    topic: input.topic ?? null,
    eventTime: input.eventTime,
    observedTime: input.observedTime ?? null,
    eventKey: Object.freeze(eventKey),
    columns: Object.freeze(columns),
    description: input.description ?? '',
  }) as SourceDef<Name, Cols>;
}

/** Column types from an event contract, whichever of the usual shapes it exposes. */
function columnsOfContract(contract: SourceInput<string, Record<string, unknown>>['contract']): Record<string, unknown> | undefined {
  if (contract === undefined) return undefined;
  for (const candidate of [contract.columns, contract.fields, contract.schema]) {
    if (candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate)) return candidate as Record<string, unknown>;
    if (Array.isArray(candidate)) {
      return Object.fromEntries(candidate.map((f: { name: string; type: unknown }) => [f.name, f.type ?? f]));
    }
  }
  return undefined;
}
