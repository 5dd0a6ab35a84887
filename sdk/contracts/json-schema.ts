import { jsonSchemaOf } from '../types/index.ts';
import { type AnyContract, contractVersion } from './define.ts';

/**
 * The JSON Schema (draft 2020-12) of a contract's records, for producers in other languages. Cross-column
 * rules (`observed_at` not before `posted_at`) are listed under `x-kol.rules`: JSON Schema cannot say them.
 *
 * @example contractJsonSchema(posts).required // ['event_id', 'post_id', …] (optional columns omitted)
 */
export function contractJsonSchema(contract: AnyContract): Record<string, unknown> {
  const entries = Object.entries(contract.columns);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:kol-sdk:contract:${contract.name}:v${contract.version}`,
    title: contract.name,
    description: contract.description,
    type: 'object',
    properties: Object.fromEntries(entries.map(([name, col]) => [name, jsonSchemaOf(col)])),
    required: entries.filter(([, col]) => !col.nullable).map(([name]) => name),
    additionalProperties: false,
    'x-kol': {
      version: contractVersion(contract),
      topic: contract.topic,
      key: contract.key,
      eventTime: contract.eventTime,
      observedTime: contract.observedTime,
      rules: contract.rules,
    },
  };
}

/** File name → pretty-printed text of every contract's JSON Schema (what `write-json-schemas.ts` writes). */
export function jsonSchemaFiles(contracts: readonly AnyContract[]): Record<string, string> {
  return Object.fromEntries(contracts.map((c) => [`${c.name}.v${c.version}.json`, `${JSON.stringify(contractJsonSchema(c), null, 2)}\n`]));
}
