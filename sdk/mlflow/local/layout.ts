import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock } from '../retry.ts';
import { exists, isDir, notFound, subdirs } from './files.ts';
import { readYaml, writeYaml } from './yaml-io.ts';

/**
 * Where things live in MLflow's file store (3.17.2, `mlflow/store/tracking/file_store.py`):
 *
 * ```
 * <root>/<exp_id>/meta.yaml                   experiment; tags/<key>; datasets/<md5>/meta.yaml
 * <root>/<exp_id>/<run_id>/meta.yaml          run; metrics/<key> ("<ts> <value> <step>" lines),
 *                                             params/<key>, tags/<key>, artifacts/…, inputs/<md5>/meta.yaml
 * <root>/.trash/<exp_id>/…                    deleted experiments
 * <root>/models/<name>/meta.yaml              registered model; tags/, aliases/<alias>, version-<n>/meta.yaml
 * ```
 */

export const TRASH = '.trash';
export const MODELS = 'models';
const RESERVED = new Set([TRASH, MODELS]);

export class LocalLayout {
  private ready: Promise<void> | undefined;
  private readonly runDirs = new Map<string, { experimentId: string; dir: string }>();

  constructor(
    readonly root: string,
    readonly clock: Clock,
  ) {}

  /** The root as MLflow creates it: the `Default` experiment `0` and the trash folder. */
  ensureRoot(): Promise<void> {
    this.ready ??= (async () => {
      if (!(await exists(this.root))) {
        await mkdir(join(this.root, '0'), { recursive: true });
        const now = this.clock.now();
        await writeYaml(join(this.root, '0'), experimentMeta('0', 'Default', this.artifactLocation('0'), now));
      }
      await mkdir(join(this.root, TRASH), { recursive: true });
    })();
    return this.ready;
  }

  artifactLocation(experimentId: string): string {
    return pathToFileURL(join(this.root, experimentId)).href;
  }

  /** Active experiments first, then deleted ones (in `.trash`). */
  async experimentDirs(): Promise<{ id: string; dir: string; deleted: boolean }[]> {
    await this.ensureRoot();
    const active = (await subdirs(this.root))
      .filter((d) => !RESERVED.has(d))
      .map((id) => ({ id, dir: join(this.root, id), deleted: false }));
    const trash = (await subdirs(join(this.root, TRASH))).map((id) => ({ id, dir: join(this.root, TRASH, id), deleted: true }));
    return [...active, ...trash];
  }

  async experimentDir(experimentId: string): Promise<string> {
    await this.ensureRoot();
    if (!/^[A-Za-z0-9][\w-]{0,63}$/.test(experimentId)) throw notFound(`experiment ${experimentId}`);
    for (const dir of [join(this.root, experimentId), join(this.root, TRASH, experimentId)]) {
      if (await exists(join(dir, 'meta.yaml'))) return dir;
    }
    throw notFound(`experiment ${experimentId}`);
  }

  /** A run's folder, found by scanning experiments as MLflow does (cached: runs do not move). */
  async runDir(runId: string): Promise<{ experimentId: string; dir: string }> {
    const cached = this.runDirs.get(runId);
    if (cached) return cached;
    if (!/^[A-Za-z0-9][\w-]{0,255}$/.test(runId)) throw notFound(`run ${runId}`);
    for (const exp of await this.experimentDirs()) {
      const dir = join(exp.dir, runId);
      if ((await isDir(join(dir, 'metrics'))) && (await exists(join(dir, 'meta.yaml')))) {
        const found = { experimentId: exp.id, dir };
        this.runDirs.set(runId, found);
        return found;
      }
    }
    throw notFound(`run ${runId}`);
  }

  remember(runId: string, experimentId: string, dir: string): void {
    this.runDirs.set(runId, { experimentId, dir });
  }

  async runMeta(runId: string): Promise<Record<string, unknown>> {
    return readYaml((await this.runDir(runId)).dir);
  }

  modelsDir(): string {
    return join(this.root, MODELS);
  }
}

/** An experiment's `meta.yaml`, field for field as MLflow 3.17.2 writes it. */
export function experimentMeta(id: string, name: string, artifactLocation: string, now: number): Record<string, unknown> {
  return {
    artifact_location: artifactLocation,
    creation_time: now,
    effective_trace_archival_retention: null,
    experiment_id: id,
    last_update_time: now,
    lifecycle_stage: 'active',
    name,
    trace_location: null,
    workspace: 'default',
  };
}

/** MLflow's fixed-width (18-digit) random experiment ids. */
export function newExperimentId(): string {
  const n = randomBytes(8).readBigUInt64BE() % 10n ** 18n;
  const s = n.toString().padStart(18, '0');
  return s.startsWith('0') ? `1${s.slice(1)}` : s;
}

export function newRunId(): string {
  return randomBytes(16).toString('hex');
}

const ADJECTIVES = [
  'amber',
  'brisk',
  'calm',
  'clever',
  'eager',
  'gentle',
  'keen',
  'lively',
  'nimble',
  'quiet',
  'rapid',
  'steady',
  'sunny',
  'swift',
  'vivid',
  'wise',
];
const NOUNS = [
  'badger',
  'comet',
  'falcon',
  'fern',
  'harbor',
  'lark',
  'maple',
  'otter',
  'pine',
  'quartz',
  'raven',
  'river',
  'sparrow',
  'tide',
  'willow',
  'wren',
];

/** A readable default run name, like MLflow's `<adjective>-<noun>-<n>`. */
export function newRunName(): string {
  const b = randomBytes(3);
  return `${ADJECTIVES[(b[0] as number) % ADJECTIVES.length]}-${NOUNS[(b[1] as number) % NOUNS.length]}-${(b[2] as number) % 1000}`;
}
