import { compileValueCheck, timestampMillis, type ValueCheck, type ValueProblem } from '../types/index.ts';
import { didYouMean } from '../util/index.ts';
import type { AnyContract, RowOfContract } from './define.ts';

/** The outcome of validating one record: the typed row, or every problem found (never just the first). */
export type Validation<R> = { readonly ok: true; readonly row: R } | { readonly ok: false; readonly problems: readonly ValueProblem[] };

export interface ValidatorOptions {
  /**
   * Fields the contract does not declare: `reject` (the default) reports them, with the nearest column
   * name, so typos such as `follower` are caught; `allow` ignores them, for a consumer reading records of a
   * newer revision that added optional fields.
   */
  readonly unknownFields?: 'reject' | 'allow';
}

export type Validator<R> = (value: unknown) => Validation<R>;

interface Compiled {
  readonly name: string;
  readonly check: ValueCheck;
  readonly nullable: boolean;
}

function timeOf(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  // dates (YYYY-MM-DD) compare as midnight UTC
  return value.length === 10 ? timestampMillis(`${value}T00:00:00Z`) : timestampMillis(value);
}

/**
 * Compiles a contract's validator: one closure per column, built once. It checks types, enums, patterns,
 * bounds, required columns, unknown fields and the contract's cross-column rules, and returns all problems.
 *
 * @example
 * const check = compileValidator(posts);
 * const v = check(JSON.parse(line));
 * if (!v.ok) console.log(v.problems); // [{ path: 'posted_at', reason: 'expected an ISO-8601 UTC timestamp …' }]
 */
export function compileValidator<K extends AnyContract>(contract: K, options: ValidatorOptions = {}): Validator<RowOfContract<K>> {
  const columns: Compiled[] = Object.entries(contract.columns).map(([name, col]) => ({
    name,
    check: compileValueCheck(col),
    nullable: col.nullable,
  }));
  const known = new Set(columns.map((c) => c.name));
  const names = [...known];
  const rejectUnknown = (options.unknownFields ?? 'reject') === 'reject';
  const rules = contract.rules;
  return (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return {
        ok: false,
        problems: [
          {
            path: '',
            reason: `expected a JSON object for '${contract.name}', got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`,
          },
        ],
      };
    }
    const record = value as Record<string, unknown>;
    const problems: ValueProblem[] = [];
    for (const c of columns) {
      const v = record[c.name];
      if (v === undefined || v === null) {
        if (!c.nullable) problems.push({ path: c.name, reason: v === null ? 'must not be null' : 'required column is missing' });
      } else c.check(v, c.name, problems);
    }
    if (rejectUnknown) {
      for (const key in record) {
        if (!known.has(key)) problems.push({ path: key, reason: `unknown field '${key}' in '${contract.name}'${didYouMean(key, names)}` });
      }
    }
    if (problems.length === 0) {
      for (const rule of rules) {
        const a = timeOf(record[rule.column]);
        const b = timeOf(record[rule.other]);
        if (a < b)
          problems.push({
            path: rule.column,
            reason: `must not be before ${rule.other} (${String(record[rule.column])} < ${String(record[rule.other])})`,
          });
      }
    }
    return problems.length === 0 ? { ok: true, row: record as RowOfContract<K> } : { ok: false, problems };
  };
}

const cache = new WeakMap<AnyContract, Validator<unknown>>();

/**
 * Validates one record against a contract (the compiled validator is cached per contract).
 *
 * @example validate(creators, { event_id: 'x' }).ok // false, with one problem per missing column
 */
export function validate<K extends AnyContract>(contract: K, value: unknown): Validation<RowOfContract<K>> {
  let check = cache.get(contract);
  if (check === undefined) {
    check = compileValidator(contract) as Validator<unknown>;
    cache.set(contract, check);
  }
  return check(value) as Validation<RowOfContract<K>>;
}

/** `"<path>: <reason>"` per problem, the form dead letters carry. */
export function formatProblems(problems: readonly ValueProblem[]): string[] {
  return problems.map((p) => `${p.path || '(record)'}: ${p.reason}`);
}
