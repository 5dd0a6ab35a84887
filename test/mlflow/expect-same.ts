import { expect } from 'vitest';
import type { Logged, ReadBack } from './cross-check.ts';

/** What MLflow's Python client read must be what the TypeScript client logged, value for value. */
export function expectSameAsLogged(read: ReadBack, logged: Logged): void {
  expect(read.experiment).toEqual({ name: logged.experimentName, tags: { team: 'kol' } });
  expect(read.run_name).toBe('cross-check');
  expect(read.status).toBe('FINISHED');
  expect(read.params).toEqual(logged.params);
  // The server may add its own `mlflow.*` tags; every tag we set must be there, unchanged.
  expect(read.tags).toMatchObject(logged.tags);
  expect(Object.keys(read.tags).filter((k) => !k.startsWith('mlflow.') && !(k in logged.tags))).toEqual([]);
  expect(Object.keys(read.metrics).sort()).toEqual(Object.keys(logged.metrics).sort());
  for (const [key, points] of Object.entries(logged.metrics)) expect(read.metrics[key], key).toEqual(points);
  expect(read.latest.loss).toBe(1 / 500);
  expect(read.inputs).toEqual([
    {
      name: 'kol_gold.training',
      digest: 'd41d8cd9',
      source_type: 'iceberg',
      source: '{"table":"kol_gold.training"}',
      tags: { 'mlflow.data.context': 'training' },
    },
  ]);
  expect(Object.keys(read.artifacts).sort()).toEqual(Object.keys(logged.artifacts).sort());
  for (const [path, a] of Object.entries(logged.artifacts)) {
    expect(read.artifacts[path], path).toMatchObject({ size: a.size, sha256: a.sha256 });
    expect(read.artifacts[path]?.listed_size, path).toBe(a.size);
  }
  expect(read.model).toEqual({
    tags: { owner: 'kol' },
    aliases: { champion: '1', challenger: '2' },
    versions: [
      { version: '1', source: `runs:/${logged.runId}/model`, run_id: logged.runId, status: 'READY', tags: { auc: '0.91' } },
      { version: '2', source: `runs:/${logged.runId}/model`, run_id: logged.runId, status: 'READY', tags: {} },
    ],
    by_alias: { champion: '1', challenger: '2' },
  });
}
