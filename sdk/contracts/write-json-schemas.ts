/**
 * Writes `sdk/contracts/json-schema/<name>.v<version>.json` for every contract. Run after changing a
 * contract: `npx tsx sdk/contracts/write-json-schemas.ts` (a golden test fails until the files match).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONTRACTS } from './events/index.ts';
import { jsonSchemaFiles } from './json-schema.ts';

const dir = join(import.meta.dirname, 'json-schema');
mkdirSync(dir, { recursive: true });
const files = jsonSchemaFiles(ALL_CONTRACTS);
for (const stale of readdirSync(dir)) if (!(stale in files)) rmSync(join(dir, stale));
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
process.stdout.write(`wrote ${Object.keys(files).length} JSON Schemas to ${dir}\n`);
