import { createHash, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { contractVersion, EVENT_CONTRACTS, type EventType } from '../../sdk/contracts/index.ts';
import { GENERATOR_VERSION, type Manifest, type ManifestFile } from './manifest.ts';
import type { WorldOptions } from './options.ts';
import { type EventSink, type GenerateProgress, type GenerateSummary, generateWorld } from './world.ts';

/**
 * One output file: each day's sorted lines are appended as they come (one write per type per day) and
 * hashed on the way, so the checksum needs no second read.
 */
class JsonlFile {
  private rows = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly fd: number;
  private closed: { rows: number; sha256: string } | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(lines: Buffer, count: number): void {
    this.hash.update(lines);
    let off = 0;
    while (off < lines.length) off += writeSync(this.fd, lines, off);
    this.rows += count;
  }

  /** Closes the file; idempotent. */
  close(): { rows: number; sha256: string } {
    if (this.closed === undefined) {
      closeSync(this.fd);
      this.closed = { rows: this.rows, sha256: this.hash.digest('hex') };
    }
    return this.closed;
  }
}

export interface WriteResult extends GenerateSummary {
  readonly dir: string;
  readonly manifest: Manifest;
}

/**
 * Generates a world into `dir`: `<type>.jsonl` per event type (sorted by event time, then event_id) and
 * `manifest.json` with row counts and SHA-256 per file. The manifest is written last and removed first, so a
 * folder with a manifest is complete. Same options ⇒ byte-identical files.
 *
 * @example
 * const { manifest } = await writeWorld(worldOptions('xs', 42), 'data-samples/xs');
 * manifest.files.posts.rows; // e.g. 1000
 */
export async function writeWorld(options: WorldOptions, dir: string, onProgress?: (p: GenerateProgress) => void): Promise<WriteResult> {
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, 'manifest.json'), { force: true });
  const files = new Map<EventType, JsonlFile>(EVENT_CONTRACTS.map((c) => [c.name, new JsonlFile(join(dir, `${c.name}.jsonl`))]));
  const sink: EventSink = { write: (type, lines, count) => (files.get(type) as JsonlFile).write(lines, count) };
  let summary: GenerateSummary;
  try {
    summary = await generateWorld(options, sink, onProgress);
  } finally {
    for (const f of files.values()) f.close();
  }
  const entries = EVENT_CONTRACTS.map((c): [EventType, ManifestFile] => {
    const closed = (files.get(c.name) as JsonlFile).close();
    return [c.name, { path: `${c.name}.jsonl`, rows: closed.rows, sha256: closed.sha256, contract_version: contractVersion(c) }];
  });
  const manifest: Manifest = {
    scale: options.scale,
    seed: options.seed,
    generator_version: GENERATOR_VERSION,
    creators: options.creators,
    days: options.days,
    start: options.start,
    files: Object.fromEntries(entries) as Record<EventType, ManifestFile>,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...summary, dir, manifest };
}
