import { EVENT_CONTRACTS } from '../contracts/index.ts';
import type { DuckDBLake } from '../engines/index.ts';
import type { FeatureSetDef } from '../features/index.ts';
import { listTables } from '../lake/index.ts';
import type { AnyColumn } from '../types/index.ts';
import { duckdbType } from '../types/index.ts';

/** `{{events.<event_type>}}` in spine and label SQL. */
const EVENT_REF = /\{\{\s*events\.([a-z_]+)\s*\}\}/g;

/**
 * Replaces `{{events.<type>}}` by the relation holding those events; an unknown type is an error naming
 * the known ones.
 *
 * @example expandEvents('SELECT * FROM {{events.campaigns}}', (t) => `lake.kol_silver.${t}`)
 */
export function expandEvents(sql: string, relation: (eventType: string) => string): string {
  return sql.replace(EVENT_REF, (_, type: string) => {
    if (!EVENT_CONTRACTS.some((c) => c.name === type)) {
      throw new Error(`unknown event type '${type}' in {{events.${type}}}: use one of ${EVENT_CONTRACTS.map((c) => c.name).join(', ')}`);
    }
    return relation(type);
  });
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * A DuckDB relation over a generated JSONL file, typed by its contract: the embedded default reads the
 * generated world directly when no lake has been built from it.
 *
 * @example jsonlRelation('comments', '/repo/data-samples/xs') // read_json('/repo/…/comments.jsonl', columns = {…})
 */
export function jsonlRelation(eventType: string, dir: string): string {
  const contract = EVENT_CONTRACTS.find((c) => c.name === eventType);
  if (contract === undefined) throw new Error(`no contract for event type '${eventType}'`);
  const columns = Object.entries(contract.columns as Record<string, AnyColumn>)
    .map(([name, col]) => `${sqlString(name)}: ${sqlString(duckdbType(col))}`)
    .join(', ');
  return `read_json(${sqlString(`${dir}/${eventType}.jsonl`)}, format = 'newline_delimited', columns = {${columns}})`;
}

/**
 * The event type a feature set reads: the last part of its source's table (`kol_silver.comments` → `comments`).
 *
 * @example eventTypeOf(creatorComments) // 'comments'
 */
export function eventTypeOf(set: FeatureSetDef): string {
  return set.source.table.split('.').at(-1) as string;
}

/**
 * The tables of one namespace of the attached lake, by name (the lake API's listing).
 *
 * @example (await silverTablesIn(lake, 'kol_silver')).has('comments')
 */
export async function silverTablesIn(lake: DuckDBLake, namespace: string): Promise<Set<string>> {
  const prefix = `${namespace}.`;
  return new Set((await listTables(lake)).filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)));
}
