/**
 * Data contracts: one frozen definition per event type, from which the TypeScript row type, the validator,
 * the Iceberg schema and the JSON Schema are derived. Topics are `kol.<name>.v<version>`.
 */

// Evolution: what a version may change.
export { assertCompatible, checkCompatibility } from './compat.ts';
// Dead letters.
export { type DeadLetter, type DeadLetterInput, deadLetterEnvelope } from './dead-letter.ts';
// Defining contracts and their inferred row types.
export {
  type AnyContract,
  type Contract,
  type ContractInput,
  type ContractRule,
  contractVersion,
  defineContract,
  knownAtColumn,
  type NotBeforeRule,
  notBefore,
  type RowOfContract,
} from './define.ts';
// The KOL event types (one file each), the dead-letter envelope, and the registry.
export * from './events/index.ts';
// Derived schemas.
export { type IcebergField, type IcebergSchema, icebergSchema } from './iceberg.ts';
export { contractJsonSchema, jsonSchemaFiles } from './json-schema.ts';
// Validation: every problem with its path and reason.
export { compileValidator, formatProblems, type Validation, type Validator, type ValidatorOptions, validate } from './validate.ts';
