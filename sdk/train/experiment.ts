import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrackingClient } from '../mlflow/index.ts';
import { writeBundle } from './bundle/bundle.ts';
import type { BundleMeta } from './bundle/mlmodel.ts';
import { registerBundle } from './bundle/registry.ts';
import { type BinaryMetrics, binaryMetrics, type EvaluationCard, evaluationCard } from './card/card.ts';
import { figureToSvg } from './card/svg.ts';
import { type Ensemble, type EnsembleSpec, predictEnsemble, trainEnsemble } from './ensemble.ts';
import { type Matrix, takeRows } from './gbdt/matrix.ts';
import { type ReasonCode, reasonCodes } from './reasons.ts';
import { splitByEntity, splitByTime, splitHeldOutType } from './splits.ts';

/** A labelled, numeric training frame with the columns the evaluation needs. */
export interface LabelledFrame {
  readonly x: Matrix;
  readonly featureNames: readonly string[];
  readonly label: Float64Array;
  readonly entity: readonly string[];
  readonly asOf: readonly number[];
  /** Group columns for per-group metrics (tier, platform…). */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** Per row, the planted fraud types (trust) — for the held-out-type evaluation. */
  readonly types?: readonly (readonly string[])[];
}

export interface ExperimentSpec {
  /** MLflow experiment, e.g. `KOL_trust`; also the registered model's name. */
  readonly experiment: string;
  readonly ensemble: EnsembleSpec;
  readonly testFraction: number;
  /** as_of quantile splitting earlier (train) from later (test) rows for the out-of-time score. */
  readonly outOfTimeQuantile: number;
  /** Fraud type left out of training for the held-out score (trust only). */
  readonly heldOutType?: string;
}

export interface ExperimentResult {
  readonly experiment: string;
  readonly run_id: string;
  readonly model: { readonly name: string; readonly version: string };
  readonly metrics: {
    readonly roc_auc: number | null;
    readonly pr_auc: number | null;
    readonly f1: number;
    readonly brier: number;
    readonly ece: number;
    readonly oot_roc_auc: number | null;
    readonly heldout_fraud_roc_auc: number | null;
  };
  readonly card: EvaluationCard;
  readonly ensemble: Ensemble;
}

function subset(frame: LabelledFrame, idx: readonly number[]): { x: Matrix; y: Float64Array } {
  return { x: takeRows(frame.x, idx), y: Float64Array.from(idx, (i) => frame.label[i] as number) };
}

async function fitAndScore(
  frame: LabelledFrame,
  split: { train: number[]; test: number[] },
  spec: EnsembleSpec,
  onProgress: (s: string) => void,
) {
  const train = subset(frame, split.train);
  const test = subset(frame, split.test);
  const ensemble = await trainEnsemble(train.x, train.y, { spec, featureNames: frame.featureNames, onProgress });
  const { probability } = await predictEnsemble(ensemble, test.x);
  return { ensemble, probability, label: test.y };
}

/** Rows of the reason-code artifact: the test rows the model is surest about, each with its top reasons. */
interface ReasonRow {
  readonly entity: string;
  readonly as_of: string;
  readonly probability: number;
  readonly label: number;
  readonly reasons: readonly ReasonCode[];
}

const REASON_ROWS = 20;

/**
 * Reason codes of the highest-probability test rows: what an analyst reviewing the top of the list reads.
 * Tree credits are weighed by the training rows' leaf counts (the population the model learned from).
 */
function topReasons(
  frame: LabelledFrame,
  split: { train: number[]; test: number[] },
  main: { ensemble: Ensemble; probability: Float64Array },
  templates: Readonly<Record<string, string>>,
): ReasonRow[] {
  const order = split.test
    .map((row, k) => ({ row, p: main.probability[k] as number }))
    .sort((a, b) => b.p - a.p || a.row - b.row)
    .slice(0, REASON_ROWS);
  const rows = order.map((o) => o.row);
  const reasons = reasonCodes(main.ensemble, takeRows(frame.x, rows), frame.featureNames, {
    templates,
    background: takeRows(frame.x, split.train),
    asOf: rows.map((i) => frame.asOf[i] as number),
  });
  return order.map((o, k) => ({
    entity: frame.entity[o.row] as string,
    as_of: new Date(frame.asOf[o.row] as number).toISOString(),
    probability: o.p,
    label: frame.label[o.row] as number,
    reasons: reasons[k] ?? [],
  }));
}

/**
 * Trains, evaluates, logs and registers one experiment: the in-distribution model (registered), plus an
 * out-of-time model and a held-out-fraud-type model for their scores. Everything goes to the tracking
 * client (MLflow server or the local store): params, metrics, the card, plots, the bundle, a version.
 *
 * @example
 * const result = await runExperiment(frame, spec, { client, featureSets, kolSdkVersion: '0.1.0', now: Date.now() });
 */
export async function runExperiment(
  frame: LabelledFrame,
  spec: ExperimentSpec,
  context: {
    client: TrackingClient;
    featureSets: BundleMeta['featureSets'];
    kolSdkVersion: string;
    /** Start time of the run (epoch ms): given by the caller, never read from the clock here. */
    now: number;
    dataset?: { name: string; digest: string; source: string };
    /** Reason-code phrases by feature output name (the KOL library's are in features/reasons.ts); without one a reason names the feature, its value and the training median. */
    reasonTemplates?: Readonly<Record<string, string>>;
    onProgress?: (step: string) => void;
  },
): Promise<ExperimentResult> {
  const progress = context.onProgress ?? (() => {});
  const { client } = context;
  const experimentId = await client.ensureExperiment(spec.experiment);
  const run = await client.createRun({ experimentId, runName: `${spec.experiment.toLowerCase()}-ensemble`, startTime: context.now });
  const runId = run.info.runId;
  try {
    const split = splitByEntity(frame.entity, frame.label, spec.testFraction, spec.ensemble.seed);
    progress('in-distribution model');
    const main = await fitAndScore(frame, split, spec.ensemble, progress);

    progress('out-of-time model');
    const oot = splitByTime(frame.asOf, spec.outOfTimeQuantile);
    let ootMetrics: BinaryMetrics | null = null;
    if (oot.train.length > 0 && oot.test.length > 0) {
      const r = await fitAndScore(frame, oot, spec.ensemble, progress);
      ootMetrics = binaryMetrics(r.probability, r.label, r.ensemble.threshold);
    }
    let heldOutMetrics: BinaryMetrics | null = null;
    if (spec.heldOutType && frame.types) {
      progress(`held-out fraud type '${spec.heldOutType}'`);
      const held = splitHeldOutType(frame.types, frame.label, split, spec.heldOutType);
      if (held.test.some((i) => frame.label[i] === 1)) {
        const r = await fitAndScore(frame, held, spec.ensemble, progress);
        heldOutMetrics = binaryMetrics(r.probability, r.label, r.ensemble.threshold);
      }
    }

    const importance = frame.featureNames.map((name, j) => ({
      name,
      gain: main.ensemble.gbdt.importanceGain[j] as number,
      splits: main.ensemble.gbdt.importanceSplit[j] as number,
    }));
    const card = evaluationCard({
      probability: main.probability,
      label: main.label,
      threshold: main.ensemble.threshold,
      groups: Object.fromEntries(Object.entries(frame.groups).map(([g, values]) => [g, split.test.map((i) => values[i] as string)])),
      extra: { ...(ootMetrics ? { out_of_time: ootMetrics } : {}), ...(heldOutMetrics ? { heldout_fraud_type: heldOutMetrics } : {}) },
      importance,
    });

    progress('logging to the tracking store');
    const metrics: { key: string; value: number; timestamp: number; step: number }[] = [];
    const put = (key: string, value: number | null) => {
      if (value !== null && Number.isFinite(value)) metrics.push({ key, value, timestamp: context.now, step: 0 });
    };
    for (const [k, v] of Object.entries(card.test)) put(`test_${k}`, v as number | null);
    for (const [g, byValue] of Object.entries(card.groups)) {
      for (const [value, m] of Object.entries(byValue)) put(`${g}_${value}_roc_auc`, m.roc_auc);
    }
    put('oot_roc_auc', ootMetrics?.roc_auc ?? null);
    put('heldout_fraud_roc_auc', heldOutMetrics?.roc_auc ?? null);
    put('threshold', main.ensemble.threshold);
    main.ensemble.gbdt.validLoss.forEach((loss, step) => {
      if (Number.isFinite(loss)) metrics.push({ key: 'gbdt_valid_logloss', value: loss, timestamp: context.now, step });
    });
    await client.logBatch(runId, {
      metrics,
      params: {
        folds: spec.ensemble.folds,
        seed: spec.ensemble.seed,
        class_weight: spec.ensemble.classWeight,
        calibration: spec.ensemble.calibration,
        test_fraction: spec.testFraction,
        oot_quantile: spec.outOfTimeQuantile,
        heldout_type: spec.heldOutType ?? 'none',
        features: frame.featureNames.length,
        rows: frame.x.rows,
        gbdt: JSON.stringify(spec.ensemble.gbdt),
        mlp: JSON.stringify(spec.ensemble.mlp),
        logistic_l2: spec.ensemble.logistic.l2,
        meta_l2: spec.ensemble.meta.l2,
      },
      tags: Object.fromEntries(context.featureSets.map((s) => [`kol.feature_set.${s.name}`, `v${s.version} ${s.hash}`])),
    });
    if (context.dataset) {
      await client.logInputs(runId, [
        { dataset: { ...context.dataset, sourceType: 'kol-sdk' }, tags: { 'mlflow.data.context': 'training' } },
      ]);
    }
    const out = mkdtempSync(join(tmpdir(), 'kol-card-'));
    writeFileSync(join(out, 'evaluation_card.json'), `${JSON.stringify(card, null, 2)}\n`);
    const reasons = topReasons(frame, split, main, context.reasonTemplates ?? {});
    writeFileSync(join(out, 'reason_codes.json'), `${JSON.stringify(reasons, null, 2)}\n`);
    for (const [name, figure] of Object.entries(card.plots)) {
      writeFileSync(join(out, `${name}.plotly.json`), JSON.stringify(figure));
      writeFileSync(join(out, `${name}.svg`), figureToSvg(figure));
    }
    await client.logArtifacts(runId, out, 'evaluation');

    const bundleDir = mkdtempSync(join(tmpdir(), 'kol-bundle-'));
    writeBundle(bundleDir, {
      meta: {
        name: spec.experiment,
        task: 'binary',
        kolSdkVersion: context.kolSdkVersion,
        featureSets: context.featureSets,
        featureNames: frame.featureNames,
        threshold: main.ensemble.threshold,
        runId,
        createdAt: context.now,
      },
      ensemble: main.ensemble,
      evaluation: card,
    });
    const version = await registerBundle(client, runId, bundleDir, spec.experiment);
    await client.terminateRun(runId, 'FINISHED');
    return {
      experiment: spec.experiment,
      run_id: runId,
      model: { name: spec.experiment, version: version.version },
      metrics: {
        roc_auc: card.test.roc_auc,
        pr_auc: card.test.pr_auc,
        f1: card.test.f1,
        brier: card.test.brier,
        ece: card.test.ece,
        oot_roc_auc: ootMetrics?.roc_auc ?? null,
        heldout_fraud_roc_auc: heldOutMetrics?.roc_auc ?? null,
      },
      card,
      ensemble: main.ensemble,
    };
  } catch (error) {
    // The run is marked failed; everything logged before the failure stays in the store.
    await client.terminateRun(runId, 'FAILED').catch(() => {});
    throw error;
  }
}
