import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * `meta.yaml` files as MLflow's file store reads them: PyYAML's `safe_load` speaks YAML 1.1, where
 * `yes`, `on`, `1_000` and `1:20` are not strings, so documents are written with the 1.1 schema (which
 * quotes such strings), keys sorted as MLflow sorts them, and no line folding.
 */

export type YamlDoc = Record<string, unknown>;

export function toYaml(doc: YamlDoc): string {
  return stringify(doc, { version: '1.1', sortMapEntries: true, lineWidth: 0, singleQuote: true });
}

export async function readYaml(dir: string, name = 'meta.yaml'): Promise<YamlDoc> {
  const text = await readFile(join(dir, name), 'utf8');
  const doc = parse(text, { version: '1.1' }) as unknown;
  return doc && typeof doc === 'object' ? (doc as YamlDoc) : {};
}

/** Written to a temporary file and renamed over the old one, so a reader never sees half a file. */
export async function writeYaml(dir: string, doc: YamlDoc, name = 'meta.yaml'): Promise<void> {
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, toYaml(doc), 'utf8');
  await rename(tmp, join(dir, name));
}
