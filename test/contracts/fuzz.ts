/**
 * A seeded fuzzer of bad records: each corruption of a good record says which path must be reported.
 * Shared by the contract unit tests and the replay integration test.
 */
import { Rng } from '../../data-samples/generator/index.ts';
import type { AnyContract } from '../../sdk/contracts/index.ts';
import type { AnyColumn } from '../../sdk/types/index.ts';

export interface BadRecord {
  /** The corrupted record, as it would arrive (a JSON line). */
  readonly line: string;
  /** A path the validator must report ('' for the record as a whole). */
  readonly path: string;
  /** What was done, for messages. */
  readonly mutation: string;
}

type Mutation = (row: Record<string, unknown>, contract: AnyContract, rng: Rng) => { path: string; what: string } | null;

const columns = (c: AnyContract, pick: (col: AnyColumn) => boolean) => Object.entries(c.columns).filter(([, col]) => pick(col));

function choose<T>(rng: Rng, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : rng.pick(items);
}

const MUTATIONS: readonly Mutation[] = [
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => !x.nullable),
    );
    if (col === undefined) return null;
    delete row[col[0]];
    return { path: col[0], what: `dropped ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => !x.nullable),
    );
    if (col === undefined) return null;
    row[col[0]] = null;
    return { path: col[0], what: `nulled ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(rng, Object.entries(c.columns));
    if (col === undefined) return null;
    const [name, type] = col;
    row[name] =
      type.kind === 'string' || type.kind === 'timestamp' || type.kind === 'date' ? 12345 : type.kind === 'list' ? 'not a list' : 'text';
    return { path: name, what: `wrong type for ${name}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.values !== undefined),
    );
    if (col === undefined) return null;
    row[col[0]] = 'no_such_value';
    return { path: col[0], what: `unknown enum value in ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.min !== undefined),
    );
    if (col === undefined) return null;
    row[col[0]] = -1 - rng.int(1000);
    return { path: col[0], what: `negative ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.kind === 'int64'),
    );
    if (col === undefined) return null;
    row[col[0]] = 1.5;
    return { path: col[0], what: `fraction in ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.kind === 'timestamp'),
    );
    if (col === undefined) return null;
    row[col[0]] = rng.pick([
      '2024-13-01T00:00:00.000Z',
      'yesterday',
      '2024-01-01 10:00:00',
      '2024-02-30T00:00:00Z',
      '2024-01-01T00:00:00+02:00',
    ]);
    return { path: col[0], what: `bad timestamp in ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.kind === 'date'),
    );
    if (col === undefined) return null;
    row[col[0]] = rng.pick(['2024-02-30', '01/02/2024', '2024-1-5']);
    return { path: col[0], what: `bad date in ${col[0]}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.kind === 'string' && x.pattern !== undefined),
    );
    if (col === undefined) return null;
    row[col[0]] = rng.pick(['', 'has space', 'x'.repeat(100), 'quote"d']);
    return { path: col[0], what: `pattern broken in ${col[0]}` };
  },
  (row, c) => {
    const name = Object.keys(c.columns)[1] as string;
    row[`${name.slice(0, -1)}`] = 1;
    return { path: name.slice(0, -1), what: `unknown field ${name.slice(0, -1)}` };
  },
  (row, c, rng) => {
    const col = choose(
      rng,
      columns(c, (x) => x.kind === 'list'),
    );
    if (col === undefined) return null;
    row[col[0]] = [7];
    return { path: `${col[0]}[0]`, what: `bad list element in ${col[0]}` };
  },
  (row, c) => {
    const rule = c.rules[0];
    if (rule === undefined) return null;
    const other = row[rule.other] as string;
    // one day before `other`, in the same format
    const earlier = new Date(Date.parse(other) - 86_400_000).toISOString();
    row[rule.column] = other.length === 10 ? earlier.slice(0, 10) : earlier;
    return { path: rule.column, what: `${rule.column} before ${rule.other}` };
  },
];

/**
 * `n` corrupted records of a contract, from good ones, drawn from `seed`. Most keep the JSON shape and break
 * one column; a few are not objects at all or not JSON.
 *
 * @example fuzz(posts, goodRows, 100, 42).every((b) => !validate(posts, JSON.parse(b.line)).ok)
 */
export function fuzz(contract: AnyContract, good: readonly Record<string, unknown>[], n: number, seed: number): BadRecord[] {
  if (good.length === 0) throw new Error(`fuzz(${contract.name}) needs good records to corrupt`);
  const rng = Rng.from(seed, 0xf022);
  const out: BadRecord[] = [];
  while (out.length < n) {
    const roll = rng.float();
    if (roll < 0.04) {
      out.push({ line: rng.pick(['[1,2,3]', '"a string"', 'null', '42']), path: '', mutation: 'not an object' });
      continue;
    }
    if (roll < 0.08) {
      const text = JSON.stringify(rng.pick(good));
      out.push({ line: text.slice(0, Math.max(1, rng.int(text.length - 1))), path: '', mutation: 'truncated JSON' });
      continue;
    }
    const row = structuredClone(rng.pick(good)) as Record<string, unknown>;
    const done = (rng.pick(MUTATIONS) as Mutation)(row, contract, rng);
    if (done !== null) out.push({ line: JSON.stringify(row), path: done.path, mutation: done.what });
  }
  return out;
}
