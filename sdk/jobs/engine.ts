import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { KolConfig } from '../config/index.ts';
import { duckdbRunner, openDuckDB } from '../engines/index.ts';
import type { FeatureSetDef } from '../features/index.ts';
import type { SqlRunner } from '../frame/index.ts';
import { checkReadable, embeddedCatalogStateFile, LakeError, parseTableName } from '../lake/index.ts';
import { sql as querySql } from '../query/index.ts';
import { eventTypeOf, jsonlRelation, silverTablesIn } from './tables.ts';

/** Where a job reads events from: the lake through DuckDB or Trino, or the generated files directly. */
export type JobBackend = 'duckdb-lake' | 'duckdb-files' | 'trino';

export interface JobEngine {
  readonly backend: JobBackend;
  readonly runner: SqlRunner;
  /** The relation holding events of a type (a silver table, or a typed read of the generated file). */
  relation(eventType: string): string;
  /** Source name → relation, for `TrainingFrameSpec.tables`. */
  sourceTables(sets: readonly FeatureSetDef[]): Record<string, string>;
  /** One line for the summary: what was read. */
  readonly describe: string;
  close(): Promise<void>;
}

/**
 * Opens the engine a batch job runs on. Cluster profile: Trino over the Iceberg silver tables. Local
 * profile: DuckDB over the lake's silver tables when the pipelines have built them, else DuckDB over the
 * generated files in `events.dir` (so the main job runs on a fresh clone with no lake built yet).
 *
 * @example
 * const engine = await openJobEngine(config, ['follower_snapshots', 'trust_labels']);
 * try { console.log(await engine.runner.rows(`SELECT count(*) FROM ${engine.relation('posts')}`)); } finally { await engine.close(); }
 */
export async function openJobEngine(
  config: KolConfig,
  eventTypes: readonly string[],
  options: { log?: (line: string) => void } = {},
): Promise<JobEngine> {
  const log = options.log ?? (() => {});
  if (config.profile !== 'local' && config.lake.catalogUri !== 'embedded') return trinoEngine(config);
  if (existsSync(embeddedCatalogStateFile(config))) {
    try {
      const lake = await openDuckDB(config);
      await lake.connection.run("SET TimeZone = 'UTC'");
      const found = await silverTablesIn(lake, config.lake.namespaces.silver);
      const missing = eventTypes.filter((t) => !found.has(t));
      if (missing.length === 0) {
        // A broken manifest would end the process inside DuckDB's scan: check first, and name the file.
        try {
          for (const t of eventTypes) await checkReadable(lake, parseTableName(`${config.lake.namespaces.silver}.${t}`));
        } catch (error) {
          await lake.close();
          throw error;
        }
        const rel = (t: string) => `lake.${config.lake.namespaces.silver}.${t}`;
        return {
          backend: 'duckdb-lake',
          runner: lake.runner,
          relation: rel,
          sourceTables: (sets) => Object.fromEntries(sets.map((s) => [s.source.name, rel(eventTypeOf(s))])),
          describe: `DuckDB over the lake's ${config.lake.namespaces.silver} tables`,
          close: () => lake.close(),
        };
      }
      log(`lake lacks ${config.lake.namespaces.silver}.${missing.join(', ')}: reading the generated files in ${config.events.dir}`);
      await lake.close();
    } catch (error) {
      if (error instanceof LakeError) throw error;
      log(`lake not opened (${(error as Error).message.split('\n')[0]}): reading the generated files in ${config.events.dir}`);
    }
  }
  return filesEngine(config, eventTypes);
}

async function filesEngine(config: KolConfig, eventTypes: readonly string[]): Promise<JobEngine> {
  const dir = config.events.dir;
  const missing = eventTypes.filter((t) => !existsSync(join(dir, `${t}.jsonl`)));
  if (missing.length > 0) {
    throw new Error(
      `no events for ${missing.join(', ')} in ${dir}: generate a world (kol-sdk generate --scale xs --seed 42 --out ${dir}) or build the lake (kol-sdk pipeline run all)`,
    );
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const runner = duckdbRunner(connection);
  // Materialise each event file once: features read several of them many times over.
  for (const t of eventTypes) await runner.run(`CREATE TABLE ${t} AS SELECT * FROM ${jsonlRelation(t, dir)}`);
  return {
    backend: 'duckdb-files',
    runner,
    relation: (t) => t,
    sourceTables: (sets) => Object.fromEntries(sets.map((s) => [s.source.name, eventTypeOf(s)])),
    describe: `DuckDB over the generated files in ${dir}`,
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function trinoEngine(config: KolConfig): JobEngine {
  const rel = (t: string) => `${config.trino.catalog}.${config.lake.namespaces.silver}.${t}`;
  return {
    backend: 'trino',
    runner: {
      dialect: 'trino',
      rows: async (text) => [...(await querySql(text, { engine: 'trino', config })).rows] as Record<string, unknown>[],
      run: async (text) => {
        await querySql(text, { engine: 'trino', config });
      },
    },
    relation: rel,
    sourceTables: (sets) => Object.fromEntries(sets.map((s) => [s.source.name, rel(eventTypeOf(s))])),
    describe: `Trino at ${config.trino.server} over ${config.trino.catalog}.${config.lake.namespaces.silver}`,
    close: async () => {},
  };
}
