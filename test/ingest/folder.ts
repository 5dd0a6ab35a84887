/** Builds replay inputs for the ingest tests: a generated folder with seeded bad records mixed in. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, worldOptions, writeWorld } from '../../data-samples/generator/index.ts';
import { EVENT_CONTRACTS } from '../../sdk/contracts/index.ts';
import { type BadRecord, fuzz } from '../contracts/fuzz.ts';

export interface Planted extends BadRecord {
  readonly type: string;
}

/**
 * Generates a small world into `dir`, then inserts `perType` fuzzed bad lines into every file at seeded
 * positions (the manifest's row counts are left as generated: they count what the generator wrote).
 */
export async function folderWithBadRecords(
  dir: string,
  seed: number,
  perType: number,
): Promise<{ good: Map<string, string[]>; bad: Planted[] }> {
  await writeWorld(worldOptions('xs', seed, { creators: 12, days: 45 }), dir);
  const rng = Rng.from(seed, 0xbad);
  const good = new Map<string, string[]>();
  const bad: Planted[] = [];
  for (const [i, contract] of EVENT_CONTRACTS.entries()) {
    const path = join(dir, `${contract.name}.jsonl`);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    good.set(contract.name, lines);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const planted = fuzz(contract, rows, perType, seed * 100 + i);
    const out = [...lines];
    for (const b of planted) {
      out.splice(rng.int(out.length + 1), 0, b.line);
      bad.push({ ...b, type: contract.name });
    }
    writeFileSync(path, `${out.join('\n')}\n`);
  }
  return { good, bad };
}
