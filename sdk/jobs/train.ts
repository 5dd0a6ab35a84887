import { createHash } from 'node:crypto';
import { DIALECTS } from '../compile/index.ts';
import type { KolConfig } from '../config/index.ts';
import type { FeatureViewDef } from '../features/index.ts';
import { buildTrainingFrame, featureSetsOf, type TrainingFrame } from '../frame/index.ts';
import { createTrackingClient } from '../mlflow/index.ts';
import { type ExperimentResult, runExperiment } from '../train/index.ts';
import { openJobEngine } from './engine.ts';
import type { ExperimentDefinition } from './experiment.ts';
import { labelledFrame } from './labelled.ts';
import { type RegressionResult, trainRegression } from './regression.ts';
import { eventTypeOf, expandEvents } from './tables.ts';

export interface TrainJobOptions {
  readonly config: KolConfig;
  /** Start time of the run (epoch ms), given by the caller: the job itself never reads the clock. */
  readonly now: number;
  readonly kolSdkVersion: string;
  /**
   * The moment the frame is used, for label maturity. Default: the end of the event history (the latest
   * follower snapshot), so a rerun on the same data gives the same frame.
   */
  readonly usedAt?: Date;
  readonly log?: (line: string) => void;
  /** Reason-code phrases by feature output name (the CLI passes the KOL library's). */
  readonly reasonTemplates?: Readonly<Record<string, string>>;
}

export interface TrainJobResult extends ExperimentResult {
  readonly frame: {
    readonly rows: number;
    readonly labelled: number;
    readonly positives: number;
    readonly features: number;
    readonly backend: string;
  };
  readonly trackingUri: string;
  readonly regression?: RegressionResult;
}

/** Event types an experiment reads: its feature sources and those its spine and labels name. */
export function eventTypesOf(def: ExperimentDefinition): string[] {
  const refs = [def.spine, def.labels?.from ?? ''].flatMap((s) =>
    [...s.matchAll(/\{\{\s*events\.([a-z_]+)\s*\}\}/g)].map((m) => m[1] as string),
  );
  return [...new Set([...featureSetsOf(def.features).map(eventTypeOf), ...refs, 'follower_snapshots'])];
}

/**
 * `kol-sdk train`: builds the point-in-time frame through the feature definitions (the only path training
 * takes), trains and evaluates the ensemble, logs everything to the tracking store and registers a
 * model version.
 *
 * @example
 * const result = await trainExperiment(trustExperiment, { config, now: Date.now(), kolSdkVersion: '0.1.0' });
 * console.log(result.run_id, result.metrics.roc_auc);
 */
export async function trainExperiment(def: ExperimentDefinition, options: TrainJobOptions): Promise<TrainJobResult> {
  const log = options.log ?? (() => {});
  const engine = await openJobEngine(options.config, eventTypesOf(def), { log });
  let frame: TrainingFrame;
  try {
    log(`reading events: ${engine.describe}`);
    const usedAt =
      options.usedAt ??
      new Date(
        Number(
          (
            await engine.runner.rows(
              `SELECT ${DIALECTS[engine.runner.dialect].epochMs('max(captured_at)', true)} AS t FROM ${engine.relation('follower_snapshots')}`,
            )
          )[0]?.t ?? Number.NaN,
        ),
      );
    log('building the point-in-time frame');
    frame = await buildTrainingFrame(
      {
        spine: { sql: expandEvents(def.spine, engine.relation) },
        carry: def.carry,
        features: def.features,
        tables: engine.sourceTables(featureSetsOf(def.features)),
        ...(def.labels ? { labels: { ...def.labels, from: expandEvents(def.labels.from, engine.relation), usedAt } } : {}),
      },
      engine.runner,
    );
  } finally {
    await engine.close();
  }
  const { labelled } = labelledFrame(frame, def);
  const positives = labelled.label.reduce((a, b) => a + b, 0);
  log(
    `frame: ${frame.rows.length} rows, ${labelled.x.rows} labelled (${positives} positive), ${labelled.featureNames.length} numeric features`,
  );
  if (positives === 0 || positives === labelled.x.rows) {
    throw new Error(
      `${def.spec.experiment}: the frame has ${positives} positive rows of ${labelled.x.rows}: both classes are needed — generate a larger world (kol-sdk generate --scale s)`,
    );
  }
  const client = createTrackingClient(options.config);
  const digest = createHash('sha256')
    .update(JSON.stringify(frame.featureSetHashes))
    .update(String(labelled.x.rows))
    .digest('hex')
    .slice(0, 16);
  const setHashes = [...featureSetsOf(def.features), ...def.features.filter((f): f is FeatureViewDef => f.kind === 'feature_view')];
  const result = await runExperiment(labelled, def.spec, {
    client,
    featureSets: setHashes.map((s) => ({ name: s.name, version: s.version, hash: s.hash })),
    kolSdkVersion: options.kolSdkVersion,
    now: options.now,
    dataset: { name: `${def.spec.experiment.toLowerCase()}_frame`, digest, source: engine.describe },
    onProgress: (step) => log(`training: ${step}`),
    ...(options.reasonTemplates ? { reasonTemplates: options.reasonTemplates } : {}),
  });
  let regression: RegressionResult | undefined;
  if (def.regression) {
    log(`training: ${def.regression.target} regression`);
    regression = await trainRegression(
      frame,
      {
        target: def.regression.target,
        splitBy: def.splitBy,
        testFraction: def.spec.testFraction,
        seed: def.spec.ensemble.seed,
        params: def.regression.params,
        exclude: [],
      },
      client,
      result.run_id,
      options.now,
    );
  }
  return {
    ...result,
    ...(regression ? { regression } : {}),
    frame: {
      rows: frame.rows.length,
      labelled: labelled.x.rows,
      positives,
      features: labelled.featureNames.length,
      backend: engine.backend,
    },
    trackingUri: options.config.mlflow.trackingUri,
  };
}
