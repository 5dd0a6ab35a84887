import { IssueCollector } from '../errors/index.ts';
import type { AnyColumn, RowOf } from '../types/index.ts';
import { didYouMean } from '../util/index.ts';

/** A cross-column rule, as data: `column` must not be earlier than `other` (both timestamps or dates). */
export interface NotBeforeRule {
  readonly kind: 'not_before';
  readonly column: string;
  readonly other: string;
}
export type ContractRule = NotBeforeRule;

/** @example notBefore('observed_at', 'posted_at') */
export const notBefore = (column: string, other: string): NotBeforeRule => Object.freeze({ kind: 'not_before', column, other });

/**
 * An event type's data contract: frozen plain data from which the row type, the validator, the Iceberg
 * schema and the JSON Schema are all derived.
 *
 * `version` is the major version (the `v1` of the topic): bump it for a breaking change. `revision` counts
 * backward-compatible changes (an added optional column) within a version.
 */
export interface Contract<
  Name extends string = string,
  Cols extends Readonly<Record<string, AnyColumn>> = Readonly<Record<string, AnyColumn>>,
> {
  readonly kind: 'contract';
  readonly name: Name;
  readonly version: number;
  readonly revision: number;
  readonly description: string;
  /** Kafka topic, `kol.<name>.v<version>`. */
  readonly topic: string;
  /** Column whose value is the Kafka message key (per-key order is what consumers rely on). */
  readonly key: string;
  /** When the event happened. */
  readonly eventTime: string;
  /** Bitemporal contracts: when this version of the facts became known; null otherwise. */
  readonly observedTime: string | null;
  readonly columns: Cols;
  /** Iceberg field id of each column: its 1-based position. Columns are only ever appended, so ids never move. */
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly rules: readonly ContractRule[];
}

/** The TypeScript row type of a contract, inferred from its columns. */
export type RowOfContract<K> = K extends Contract<string, infer C> ? RowOf<C> : never;

/** Any contract. */
export type AnyContract = Contract<string, Readonly<Record<string, AnyColumn>>>;

export interface ContractInput<Name extends string, Cols extends Readonly<Record<string, AnyColumn>>> {
  readonly name: Name;
  readonly version: number;
  readonly revision?: number;
  readonly description: string;
  // Column references are plain strings (checked when the contract is defined, with "did you mean") so
  // that a contract can be spread into the next revision of itself.
  readonly key: string;
  readonly eventTime: string;
  /** Null or absent for contracts that are not bitemporal. */
  readonly observedTime?: string | null;
  readonly columns: Cols;
  readonly rules?: readonly ContractRule[];
}

const SNAKE = /^[a-z][a-z0-9_]*$/;

/**
 * Declares a contract. Every problem in the definition is collected and thrown once (`IssuesError`).
 *
 * @example
 * export const posts = defineContract({
 *   name: 'posts', version: 1, description: 'A creator published a post.',
 *   key: 'creator_id', eventTime: 'posted_at',
 *   columns: { event_id: t.string(), creator_id: t.string(), post_id: t.string(), posted_at: t.timestamp() },
 * });
 * type Post = RowOfContract<typeof posts>; // { readonly event_id: string; … }
 * // a compatible revision: spread the contract and append an optional column
 * export const postsV1_1 = defineContract({ ...posts, revision: 1, columns: { ...posts.columns, location: t.string().optional() } });
 */
export function defineContract<const Name extends string, const Cols extends Readonly<Record<string, AnyColumn>>>(
  input: ContractInput<Name, Cols>,
): Contract<Name, Cols> {
  const issues = new IssueCollector();
  const at = `contract '${input.name}'`;
  const names = Object.keys(input.columns);
  if (!SNAKE.test(input.name)) issues.add('contracts.name', `${at}.name`, 'use snake_case: lower-case letters, digits and underscores');
  if (!Number.isInteger(input.version) || input.version < 1)
    issues.add('contracts.version', `${at}.version`, 'version must be an integer ≥ 1');
  const revision = input.revision ?? 0;
  if (!Number.isInteger(revision) || revision < 0) issues.add('contracts.revision', `${at}.revision`, 'revision must be an integer ≥ 0');
  for (const name of names) {
    if (!SNAKE.test(name)) issues.add('contracts.column_name', `${at}.columns.${name}`, 'use snake_case column names');
  }
  const need = (field: string, col: string | null | undefined, kinds: readonly string[]) => {
    if (col === undefined || col === null) return;
    const c = input.columns[col];
    if (c === undefined) {
      issues.add('contracts.unknown_column', `${at}.${field}`, `unknown column '${col}'${didYouMean(col, names)}`);
    } else if (!kinds.includes(c.kind) || c.nullable) {
      issues.add('contracts.column_type', `${at}.${field}`, `'${col}' must be a required ${kinds.join(' or ')} column`);
    }
  };
  need('event_id', 'event_id' in input.columns ? 'event_id' : undefined, ['string']);
  if (!('event_id' in input.columns))
    issues.add('contracts.event_id', `${at}.columns`, "every event carries a unique 'event_id' string column: add it");
  need('key', input.key, ['string']);
  need('eventTime', input.eventTime, ['timestamp']);
  need('observedTime', input.observedTime, ['timestamp']);
  for (const [i, rule] of (input.rules ?? []).entries()) {
    need(`rules[${i}].column`, rule.column, ['timestamp', 'date']);
    need(`rules[${i}].other`, rule.other, ['timestamp', 'date']);
  }
  issues.throwIfAny(`invalid contract '${input.name}'`, 'contracts.invalid');
  return Object.freeze({
    kind: 'contract',
    name: input.name,
    version: input.version,
    revision,
    description: input.description,
    topic: `kol.${input.name}.v${input.version}`,
    key: input.key,
    eventTime: input.eventTime,
    observedTime: input.observedTime ?? null,
    columns: Object.freeze({ ...input.columns }),
    fieldIds: Object.freeze(Object.fromEntries(names.map((n, i) => [n, i + 1]))),
    rules: Object.freeze([...(input.rules ?? [])]),
  });
}

/** `1.0`: version and revision, as written in manifests and dead letters. */
export function contractVersion(contract: Pick<AnyContract, 'version' | 'revision'>): string {
  return `${contract.version}.${contract.revision}`;
}

/**
 * The column that says when a record became known: the observation time of bitemporal contracts, the
 * event time otherwise. Files are sorted by it and replay publishes in its order, since an observation
 * cannot be published before it was made even though its event time (a post's `posted_at`) is earlier.
 *
 * @example knownAtColumn(engagementObservations) // 'observed_at'
 */
export function knownAtColumn(contract: Pick<AnyContract, 'eventTime' | 'observedTime'>): string {
  return contract.observedTime ?? contract.eventTime;
}
