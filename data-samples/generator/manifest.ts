import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventType } from '../../sdk/contracts/index.ts';
import type { ScaleName } from './options.ts';

/** Bumped whenever the same options would produce different bytes. */
export const GENERATOR_VERSION = '1.1.0';

export interface ManifestFile {
  /** File name relative to the manifest. */
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
  readonly contract_version: string;
}

/** `manifest.json` of a generated folder: what was generated, from what, and a checksum per file. */
export interface Manifest {
  readonly scale: ScaleName | 'custom';
  readonly seed: number;
  readonly generator_version: string;
  readonly creators: number;
  readonly days: number;
  readonly start: string;
  readonly files: Readonly<Record<EventType, ManifestFile>>;
}

/** Reads `<dir>/manifest.json`. */
export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}
