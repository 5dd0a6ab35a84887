import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { FileInfo, ModelVersion, TrackingClient } from '../../mlflow/index.ts';
import { type LoadedModel, readBundle } from './bundle.ts';

/**
 * Uploads a bundle directory as the run's `model` artifact and registers it as a new version of `name`
 * (waiting until MLflow reports it READY).
 *
 * @example const version = await registerBundle(client, runId, 'out/model', 'KOL_trust');
 */
export async function registerBundle(client: TrackingClient, runId: string, dir: string, name: string): Promise<ModelVersion> {
  await client.logArtifacts(runId, dir, 'model');
  try {
    await client.getRegisteredModel(name);
  } catch {
    await client.createRegisteredModel(name, { description: 'kol-sdk stacked ensemble' });
  }
  return client.createModelVersion({ name, runId, artifactPath: 'model' });
}

/**
 * Loads a registered model by name and alias (`champion`, `challenger`) or version number: downloads its
 * files and returns a scoring function usable offline and by the streaming scorer.
 *
 * @example const model = await loadRegisteredModel(client, 'KOL_trust', { alias: 'champion' });
 */
export async function loadRegisteredModel(
  client: TrackingClient,
  name: string,
  which: { alias: string } | { version: string | number },
  workDir: string = mkdtempSync(join(tmpdir(), 'kol-model-')),
): Promise<LoadedModel & { version: ModelVersion }> {
  const version =
    'alias' in which ? await client.getModelVersionByAlias(name, which.alias) : await client.getModelVersion(name, which.version);
  const match = /^runs:\/([^/]+)\/(.+)$/.exec(version.source);
  const runId = version.runId ?? match?.[1];
  const artifactPath = match?.[2] ?? 'model';
  if (!runId) throw new Error(`model ${name} version ${version.version} has source '${version.source}', which kol-sdk cannot load`);
  const files = await listAll(client, runId, artifactPath);
  for (const f of files) {
    const target = join(workDir, relative(artifactPath, f.path));
    mkdirSync(dirname(target), { recursive: true });
    await client.downloadArtifact(runId, f.path, target);
  }
  return { ...readBundle(workDir), version };
}

async function listAll(client: TrackingClient, runId: string, path: string): Promise<FileInfo[]> {
  const out: FileInfo[] = [];
  for (const entry of await client.listArtifacts(runId, path)) {
    if (entry.isDir) out.push(...(await listAll(client, runId, entry.path)));
    else out.push(entry);
  }
  return out;
}
