import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelVersion, ModelVersionStatus, Page, RegisteredModel, SearchOptions } from '../types.ts';
import { checkAlias, checkModelName, checkRegistryTag } from '../validate.ts';
import { alreadyExists, exists, invalid, notFound, readKeyFiles, subdirs, writeKeyFile } from './files.ts';
import { applyFilter, applyOrder, type FieldValue, paginate } from './filter.ts';
import type { LocalLayout } from './layout.ts';
import { readYaml, writeYaml } from './yaml-io.ts';

/**
 * The model registry in MLflow's file-store layout (`mlflow/store/model_registry/file_store.py`):
 * `models/<name>/meta.yaml`, `tags/<key>`, `aliases/<alias>` (holding the version number) and
 * `version-<n>/meta.yaml` with `tags/`. Versions are READY at once: there is nothing to copy.
 */

const DELETED_STAGE = 'Deleted_Internal';

export class LocalRegistry {
  constructor(private readonly layout: LocalLayout) {}

  private modelDir(name: string): string {
    checkModelName(name);
    return join(this.layout.modelsDir(), name);
  }

  private async existingModelDir(name: string): Promise<string> {
    const dir = this.modelDir(name);
    if (!(await exists(join(dir, 'meta.yaml')))) throw notFound(`registered model '${name}'`);
    return dir;
  }

  private async touch(name: string): Promise<void> {
    const dir = await this.existingModelDir(name);
    const meta = await readYaml(dir);
    await writeYaml(dir, { ...meta, aliases: await readKeyFiles(join(dir, 'aliases')), last_updated_timestamp: this.layout.clock.now() });
  }

  async create(name: string, options: { tags?: Readonly<Record<string, string>>; description?: string } = {}): Promise<RegisteredModel> {
    await this.layout.ensureRoot();
    const dir = this.modelDir(name);
    for (const [k, v] of Object.entries(options.tags ?? {})) checkRegistryTag(k, v);
    if (await exists(join(dir, 'meta.yaml'))) throw alreadyExists(`Registered Model (name=${name}) already exists`);
    await mkdir(dir, { recursive: true });
    const now = this.layout.clock.now();
    await writeYaml(dir, {
      aliases: {},
      creation_timestamp: now,
      deployment_job_id: null,
      deployment_job_state: null,
      description: options.description ?? null,
      last_updated_timestamp: now,
      name,
      workspace: 'default',
    });
    for (const [k, v] of Object.entries(options.tags ?? {})) await writeKeyFile(join(dir, 'tags'), k, v);
    return this.get(name);
  }

  async get(name: string): Promise<RegisteredModel> {
    const dir = await this.existingModelDir(name);
    const meta = await readYaml(dir);
    const opt = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
    return {
      name: String(meta.name ?? name),
      creationTimestamp: opt(meta.creation_timestamp),
      lastUpdatedTimestamp: opt(meta.last_updated_timestamp),
      description: meta.description === null || meta.description === undefined ? undefined : String(meta.description),
      tags: await readKeyFiles(join(dir, 'tags')),
      aliases: await readKeyFiles(join(dir, 'aliases')),
    };
  }

  async search(options: SearchOptions = {}): Promise<Page<RegisteredModel>> {
    await this.layout.ensureRoot();
    const names = await subdirs(this.layout.modelsDir());
    const models: RegisteredModel[] = [];
    for (const n of names) if (await exists(join(this.layout.modelsDir(), n, 'meta.yaml'))) models.push(await this.get(n));
    const resolve = (m: RegisteredModel, type: string, key: string): FieldValue =>
      type === 'tag'
        ? m.tags[key]
        : key === 'name'
          ? m.name
          : key === 'creation_timestamp'
            ? m.creationTimestamp
            : key === 'last_updated_timestamp'
              ? m.lastUpdatedTimestamp
              : undefined;
    const found = applyOrder(applyFilter(models, options.filter, resolve), options.orderBy, resolve, ['name ASC']);
    return paginate(found, options.pageToken, options.maxResults ?? 100);
  }

  async delete(name: string): Promise<void> {
    await rm(await this.existingModelDir(name), { recursive: true, force: true });
  }

  async setTag(name: string, key: string, value: string): Promise<void> {
    checkRegistryTag(key, value);
    await writeKeyFile(join(await this.existingModelDir(name), 'tags'), key, value);
    await this.touch(name);
  }

  async deleteTag(name: string, key: string): Promise<void> {
    const path = join(await this.existingModelDir(name), 'tags', ...key.split('/'));
    if (!(await exists(path))) throw notFound(`tag '${key}' of model '${name}'`);
    await rm(path);
  }

  private async versionDir(name: string, version: string | number): Promise<string> {
    const dir = join(await this.existingModelDir(name), `version-${Number(version)}`);
    if (!/^\d+$/.test(String(version)) || !(await exists(join(dir, 'meta.yaml')))) throw notFound(`model version ${name} v${version}`);
    const meta = await readYaml(dir);
    if (meta.current_stage === DELETED_STAGE) throw notFound(`model version ${name} v${version}`);
    return dir;
  }

  async createVersion(options: {
    name: string;
    runId: string;
    artifactPath: string;
    tags?: Readonly<Record<string, string>>;
    description?: string;
  }): Promise<ModelVersion> {
    const modelDir = await this.existingModelDir(options.name);
    for (const [k, v] of Object.entries(options.tags ?? {})) checkRegistryTag(k, v);
    const numbers = (await subdirs(modelDir)).map((d) => /^version-(\d+)$/.exec(d)?.[1]).filter((n): n is string => n !== undefined);
    const version = numbers.reduce((max, n) => Math.max(max, Number(n)), 0) + 1;
    const dir = join(modelDir, `version-${version}`);
    await mkdir(dir, { recursive: true });
    const now = this.layout.clock.now();
    const source = `runs:/${options.runId}/${options.artifactPath.replace(/^\/+|\/+$/g, '')}`;
    await writeYaml(dir, {
      creation_timestamp: now,
      current_stage: 'None',
      deployment_job_state: null,
      description: options.description ?? null,
      last_updated_timestamp: now,
      model_id: null,
      name: options.name,
      run_id: options.runId,
      run_link: null,
      source,
      status: 'READY',
      status_message: null,
      storage_location: source,
      user_id: null,
      version,
      workspace: 'default',
    });
    for (const [k, v] of Object.entries(options.tags ?? {})) await writeKeyFile(join(dir, 'tags'), k, v);
    await this.touch(options.name);
    return this.getVersion(options.name, version);
  }

  private async versionFrom(name: string, dir: string): Promise<ModelVersion> {
    const meta = await readYaml(dir);
    const aliases = await readKeyFiles(join(this.modelDir(name), 'aliases'));
    const version = String(meta.version);
    const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
    return {
      name: String(meta.name ?? name),
      version,
      creationTimestamp: meta.creation_timestamp === null ? undefined : Number(meta.creation_timestamp),
      lastUpdatedTimestamp: meta.last_updated_timestamp === null ? undefined : Number(meta.last_updated_timestamp),
      description: opt(meta.description),
      source: String(meta.source ?? ''),
      runId: opt(meta.run_id),
      status: (opt(meta.status) ?? 'READY') as ModelVersionStatus,
      statusMessage: opt(meta.status_message),
      tags: await readKeyFiles(join(dir, 'tags')),
      aliases: Object.entries(aliases)
        .filter(([, v]) => v.trim() === version)
        .map(([a]) => a),
    };
  }

  async getVersion(name: string, version: string | number): Promise<ModelVersion> {
    return this.versionFrom(name, await this.versionDir(name, version));
  }

  async searchVersions(options: SearchOptions = {}): Promise<Page<ModelVersion>> {
    await this.layout.ensureRoot();
    const all: ModelVersion[] = [];
    for (const name of await subdirs(this.layout.modelsDir())) {
      const modelDir = join(this.layout.modelsDir(), name);
      for (const d of await subdirs(modelDir)) {
        if (!/^version-\d+$/.test(d)) continue;
        const meta = await readYaml(join(modelDir, d)).catch(() => undefined);
        if (!meta || meta.current_stage === DELETED_STAGE) continue;
        all.push(await this.versionFrom(name, join(modelDir, d)));
      }
    }
    const resolve = (v: ModelVersion, type: string, key: string): FieldValue =>
      type === 'tag'
        ? v.tags[key]
        : key === 'name'
          ? v.name
          : key === 'run_id'
            ? v.runId
            : key === 'source_path'
              ? v.source
              : key === 'version_number'
                ? Number(v.version)
                : key === 'creation_timestamp'
                  ? v.creationTimestamp
                  : undefined;
    const found = applyOrder(applyFilter(all, options.filter, resolve), options.orderBy, resolve, ['name ASC', 'version_number DESC']);
    return paginate(found, options.pageToken, options.maxResults ?? 1000);
  }

  async setVersionTag(name: string, version: string | number, key: string, value: string): Promise<void> {
    checkRegistryTag(key, value);
    await writeKeyFile(join(await this.versionDir(name, version), 'tags'), key, value);
  }

  async deleteVersionTag(name: string, version: string | number, key: string): Promise<void> {
    const path = join(await this.versionDir(name, version), 'tags', ...key.split('/'));
    if (!(await exists(path))) throw notFound(`tag '${key}' of model version ${name} v${version}`);
    await rm(path);
  }

  async setAlias(name: string, alias: string, version: string | number): Promise<void> {
    checkAlias(alias);
    await this.versionDir(name, version);
    await writeKeyFile(join(this.modelDir(name), 'aliases'), alias, String(Number(version)));
    await this.touch(name);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    checkAlias(alias);
    const path = join(await this.existingModelDir(name), 'aliases', alias);
    if (await exists(path)) {
      await rm(path);
      await this.touch(name);
    }
  }

  async versionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const path = join(await this.existingModelDir(name), 'aliases');
    const version = (await readKeyFiles(path))[alias];
    if (version === undefined)
      throw invalid(`registered model alias ${alias} not found on '${name}' — set it with setAlias(name, '${alias}', version)`);
    return this.getVersion(name, version.trim());
  }
}
