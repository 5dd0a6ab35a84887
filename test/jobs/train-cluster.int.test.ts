import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { successExperiment, trustExperiment } from '../../models/index.ts';
import type { KolConfig } from '../../sdk/config/index.ts';
import { openDuckDB } from '../../sdk/engines/index.ts';
import { buildTrainingFrame, featureSetsOf, type TrainingFrame } from '../../sdk/frame/index.ts';
import { eventTypesOf, expandEvents, jsonlRelation, openJobEngine, trainExperiment } from '../../sdk/jobs/index.ts';
import { createTrackingClient } from '../../sdk/mlflow/index.ts';
import { devServicesConfig } from '../../sdk/services/index.ts';
import { describeService } from '../services/int-support.ts';

/**
 * The cluster profile end to end: the xs world's events as Iceberg silver tables in the REST catalog on
 * MinIO (written by DuckDB), the trust frame built by Trino over them equal to the frame DuckDB builds
 * from the same events, and `trainExperiment` on Trino logging to the MLflow server.
 */
const xs = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const namespace = 'kol_test_train_frames';
const eventTypes = [...new Set([...eventTypesOf(trustExperiment), ...eventTypesOf(successExperiment)])];

const norm = (v: unknown): unknown => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(v))
    return Date.parse(v.includes('Z') || v.includes('UTC') ? v.replace(' UTC', 'Z') : `${v.replace(' ', 'T')}Z`);
  if (Array.isArray(v)) return v.map(norm);
  return v;
};

async function frameOn(config: KolConfig): Promise<TrainingFrame> {
  const engine = await openJobEngine(config, eventTypesOf(trustExperiment));
  try {
    return await buildTrainingFrame(
      {
        spine: { sql: expandEvents(trustExperiment.spine, engine.relation) },
        carry: trustExperiment.carry,
        features: trustExperiment.features,
        tables: engine.sourceTables(featureSetsOf(trustExperiment.features)),
      },
      engine.runner,
    );
  } finally {
    await engine.close();
  }
}

describeService(
  ['trino', 'iceberg-rest', 'minio', 'mlflow'],
  'training on the cluster profile (Trino, Iceberg REST on MinIO, MLflow server)',
  () => {
    let cluster: KolConfig;
    beforeAll(async () => {
      const base = devServicesConfig();
      cluster = { ...base, lake: { ...base.lake, namespaces: { ...base.lake.namespaces, silver: namespace } } };
      const lake = await openDuckDB(cluster);
      try {
        await lake.runner.run("SET TimeZone = 'UTC'");
        await lake.runner.run(`CREATE SCHEMA IF NOT EXISTS lake.${namespace}`);
        for (const type of eventTypes) {
          await lake.runner.run(`DROP TABLE IF EXISTS lake.${namespace}.${type}`);
          await lake.runner.run(`CREATE TABLE lake.${namespace}.${type} AS SELECT * FROM ${jsonlRelation(type, xs)}`);
        }
      } finally {
        await lake.close();
      }
    }, 300_000);

    afterAll(async () => {
      const lake = await openDuckDB(cluster).catch(() => undefined);
      if (!lake) return;
      for (const type of eventTypes) await lake.runner.run(`DROP TABLE IF EXISTS lake.${namespace}.${type}`).catch(() => {});
      await lake.close();
    }, 120_000);

    it('Trino builds the same trust frame as DuckDB from the same events', async () => {
      const home = mkdtempSync(join(tmpdir(), 'kol-frames-'));
      const local = {
        ...cluster,
        profile: 'local' as const,
        home,
        lake: { ...cluster.lake, catalogUri: 'embedded' },
        events: { source: 'files' as const, dir: xs },
      };
      const onDuck = await frameOn(local);
      const onTrino = await frameOn(cluster);
      expect(onTrino.sql).not.toBe(onDuck.sql);
      expect(onTrino.columns).toEqual(onDuck.columns);
      expect(onTrino.rows.length).toBe(onDuck.rows.length);
      expect(onTrino.rows.length).toBe(210);
      const diffs: string[] = [];
      onDuck.rows.forEach((d, i) => {
        const t = onTrino.rows[i] as Record<string, unknown>;
        for (const c of onDuck.columns) {
          const [a, b] = [norm(d[c]), norm(t[c])];
          const same =
            typeof a === 'number' && typeof b === 'number'
              ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
              : JSON.stringify(a) === JSON.stringify(b);
          if (!same) diffs.push(`row ${i} ${c}: duckdb ${JSON.stringify(a)}, trino ${JSON.stringify(b)}`);
        }
      });
      expect(diffs.slice(0, 10)).toEqual([]);
    }, 600_000);

    it('trains KOL_trust through Trino and registers the model on the MLflow server', async () => {
      const result = await trainExperiment(trustExperiment, { config: cluster, now: 1_732_800_000_000, kolSdkVersion: 'test' });
      expect(result.frame.backend).toBe('trino');
      expect(result.frame.labelled).toBe(210);
      expect(result.metrics.roc_auc as number).toBeGreaterThan(0.7);
      const client = createTrackingClient(cluster);
      const run = await client.getRun(result.run_id);
      expect(run.info.status).toBe('FINISHED');
      const version = await client.getModelVersion('KOL_trust', result.model.version);
      expect(version.runId).toBe(result.run_id);
      await client.close();
    }, 600_000);

    it('trains KOL_success through Trino, with its ROAS head logged to the same run', async () => {
      const result = await trainExperiment(successExperiment, { config: cluster, now: 1_732_800_000_000, kolSdkVersion: 'test' });
      expect(result.frame.backend).toBe('trino');
      expect(result.regression?.target).toBe('roas');
      const client = createTrackingClient(cluster);
      const run = await client.getRun(result.run_id);
      expect(run.data.metrics.map((m) => m.key)).toEqual(expect.arrayContaining(['test_roc_auc', 'roas_rmse', 'roas_baseline_rmse']));
      await client.close();
    }, 600_000);
  },
);
