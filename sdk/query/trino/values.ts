import type { TrinoColumn } from './protocol.ts';

type Convert = (value: unknown) => unknown;

const identity: Convert = (v) => v;

/**
 * A converter from Trino's JSON encoding of a column to the JS values DuckDB's client gives for the same
 * SQL type, so that a result reads the same from either engine: `bigint` → bigint, `decimal` → number,
 * `date`/`timestamp` → Date (UTC), `varbinary` → bytes. Trino sends `bigint` as a JSON number, so values
 * beyond ±2^53 have already lost precision when they arrive.
 *
 * @example
 * trinoConverter({ name: 'n', type: 'bigint' })(42); // 42n
 */
export function trinoConverter(column: TrinoColumn): Convert {
  return converterFor(column.type);
}

function converterFor(type: string): Convert {
  // 'timestamp(3) with time zone', 'timestamp with time zone', 'array(bigint)': the leading word names the kind
  const raw = type.trim().split(/[(\s]/)[0] ?? '';
  switch (raw) {
    case 'bigint':
      return (v) => (typeof v === 'number' ? BigInt(Math.trunc(v)) : typeof v === 'string' ? BigInt(v) : v);
    case 'double':
    case 'real':
    case 'decimal':
      return (v) => (typeof v === 'string' ? Number(v) : v);
    case 'date':
      return (v) => (typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v);
    case 'timestamp':
      return type.includes('with time zone') ? zonedTimestamp : (v) => (typeof v === 'string' ? utcTimestamp(v) : v);
    case 'varbinary':
      return (v) => (typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64')) : v);
    case 'array': {
      const inner = converterFor(type.slice('array('.length, -1));
      return (v) => (Array.isArray(v) ? v.map((x) => (x === null ? null : inner(x))) : v);
    }
    default:
      return identity;
  }
}

/** `2025-01-02 03:04:05.678901` (no zone: Trino's local timestamp) read as UTC, like DuckDB's TIMESTAMP. */
function utcTimestamp(text: string): Date | string {
  const d = new Date(`${text.replace(' ', 'T').slice(0, 23)}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}

/** `… UTC` or `… +01:00` become a Date; a named zone (`Europe/Paris`) stays text rather than guess. */
function zonedTimestamp(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) (.+)$/.exec(v);
  if (!match) return v;
  const [, day, time, zone] = match as unknown as [string, string, string, string];
  const ms = (time.split('.')[1] ?? '').padEnd(3, '0').slice(0, 3);
  const base = `${day}T${time.split('.')[0]}.${ms}`;
  const offset = zone === 'UTC' || zone === 'Z' ? 'Z' : /^[+-]\d{2}:\d{2}$/.test(zone) ? zone : undefined;
  if (!offset) return v;
  const d = new Date(`${base}${offset}`);
  return Number.isNaN(d.getTime()) ? v : d;
}
