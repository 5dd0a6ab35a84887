/**
 * The KOL world generator: seeded, deterministic, streamed day by day, calibrated on public figures, with
 * planted fraud and campaign outcomes as ground truth. Writes one JSON Lines file per event type plus
 * `manifest.json`.
 */

// Calibration targets and the constants the simulation uses (tests measure against them).
export {
  AUDIENCE_EVERY_DAYS,
  AUDIENCE_SAMPLE_SIZE,
  ER_TARGETS,
  erBucket,
  MASS_FOLLOWING,
  OBSERVATION_HOURS,
  TIER_FOLLOWERS,
  tierOf,
} from './calibration.ts';
export { GENERATOR_VERSION, type Manifest, type ManifestFile, readManifest } from './manifest.ts';
export { memorySink, type WorldRows } from './memory-sink.ts';
// What to generate: named scales and options.
export { DEFAULT_OPTIONS, SCALE_NAMES, SCALES, type ScaleName, type WorldOptions, worldOptions } from './options.ts';
// Randomness for anything that must be reproducible (fuzzers in tests use it too).
export { Rng } from './prng.ts';
// Generating: to any sink, to memory, or to files with a manifest.
export { type AnyEventRow, type EventSink, type GenerateProgress, type GenerateSummary, generateWorld } from './world.ts';
export { type WriteResult, writeWorld } from './writer.ts';
