import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATOR_VERSION, readManifest, worldOptions, writeWorld } from '../../data-samples/generator/index.ts';
import { compileValidator, EVENT_CONTRACTS, knownAtColumn } from '../../sdk/contracts/index.ts';
import { worldRows } from './world.ts';

const temp = mkdtempSync(join(tmpdir(), 'kol-generate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const committed = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');

describe('the generator is deterministic', { timeout: 120_000 }, () => {
  it('writes byte-identical files for the same scale and seed, and different files for another seed', async () => {
    const a = await writeWorld(worldOptions('xs', 42), join(temp, 'a'));
    const b = await writeWorld(worldOptions('xs', 42), join(temp, 'b'));
    const c = await writeWorld(worldOptions('xs', 43), join(temp, 'c'));
    for (const contract of EVENT_CONTRACTS) {
      const file = `${contract.name}.jsonl`;
      expect(readFileSync(join(temp, 'a', file)).equals(readFileSync(join(temp, 'b', file))), file).toBe(true);
      expect(a.manifest.files[contract.name].sha256).toBe(sha256(join(temp, 'a', file)));
      expect(c.manifest.files[contract.name].sha256, file).not.toBe(a.manifest.files[contract.name].sha256);
    }
    expect(readFileSync(join(temp, 'a', 'manifest.json'), 'utf8')).toBe(readFileSync(join(temp, 'b', 'manifest.json'), 'utf8'));
    expect(b.events).toBe(a.events);
  });

  it('gives each creator the same events whatever else is in the world (per-creator random streams)', async () => {
    const small = await worldRows(worldOptions('s', 9, { creators: 30, days: 20 }));
    const large = await worldRows(worldOptions('s', 9, { creators: 31, days: 20 }));
    const ofCreator = (rows: Record<string, unknown>[], id: string) => rows.filter((r) => r.creator_id === id);
    for (const c of small.creators) {
      const id = c.creator_id as string;
      for (const type of ['follower_snapshots', 'posts', 'engagement_observations', 'comments', 'audience_samples'] as const) {
        expect(ofCreator(large[type], id)).toEqual(ofCreator(small[type], id));
      }
    }
  });

  it('reproduces the committed xs sample byte for byte (kol-sdk generate --scale xs --seed 42)', async () => {
    const manifest = readManifest(committed);
    expect(manifest).toMatchObject({ scale: 'xs', seed: 42, generator_version: GENERATOR_VERSION });
    const fresh = await writeWorld(worldOptions('xs', 42), join(temp, 'fresh'));
    for (const [type, file] of Object.entries(manifest.files)) {
      expect(
        fresh.manifest.files[type as keyof typeof manifest.files].sha256,
        `${type}: regenerate with 'kol-sdk generate --scale xs --seed 42'`,
      ).toBe(file.sha256);
      expect(sha256(join(committed, file.path)), `${file.path} differs from its manifest`).toBe(file.sha256);
    }
  });

  it('keeps the committed sample under 5 MB', async () => {
    const manifest = readManifest(committed);
    const bytes = Object.values(manifest.files).reduce((n, f) => n + readFileSync(join(committed, f.path)).length, 0);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('the generated files', { timeout: 60_000 }, () => {
  it('hold valid records only, with ids unique across every file, sorted by (time known, event_id)', () => {
    const ids = new Set<string>();
    for (const contract of EVENT_CONTRACTS) {
      const check = compileValidator(contract);
      const lines = readFileSync(join(committed, `${contract.name}.jsonl`), 'utf8').split('\n');
      expect(lines.pop()).toBe('');
      let previous: [string, string] = ['', ''];
      for (const [i, line] of lines.entries()) {
        const row = JSON.parse(line) as Record<string, string>;
        const v = check(row);
        expect(v.ok ? [] : v.problems, `${contract.name}:${i + 1}`).toEqual([]);
        // one object per line, keys in the contract's column order
        expect(Object.keys(row)).toEqual(Object.keys(contract.columns));
        // the time a record became known: observation time for bitemporal contracts, else event time
        const key: [string, string] = [row[knownAtColumn(contract)] as string, row.event_id as string];
        expect(key[0] > previous[0] || (key[0] === previous[0] && key[1] > previous[1]), `${contract.name}:${i + 1} out of order`).toBe(
          true,
        );
        previous = key;
        expect(ids.has(row.event_id as string), `duplicate event_id ${row.event_id}`).toBe(false);
        ids.add(row.event_id as string);
      }
    }
    expect(ids.size).toBeGreaterThan(10_000);
  });

  it('write timestamps as ISO-8601 UTC with milliseconds', () => {
    const line = readFileSync(join(committed, 'posts.jsonl'), 'utf8').split('\n')[0] as string;
    expect(JSON.parse(line).posted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('cover every event type in the sample, including both ground-truth tables', () => {
    const manifest = readManifest(committed);
    for (const contract of EVENT_CONTRACTS) {
      expect(manifest.files[contract.name].rows, contract.name).toBeGreaterThan(0);
      expect(manifest.files[contract.name].contract_version).toBe(`${contract.version}.${contract.revision}`);
    }
    const labels = readFileSync(join(committed, 'trust_labels.jsonl'), 'utf8');
    expect(labels).toContain('"is_fraud":true');
    expect(labels).toContain('"is_fraud":false');
  });
});
