import type { TrainingFrame } from '../frame/index.ts';
import { frameMatrix } from '../frame/index.ts';
import type { TrackingClient } from '../mlflow/index.ts';
import { type GbdtParams, gbdtToJSON, predictGbdt, splitByEntity, takeRows, trainGbdt } from '../train/index.ts';

/** A regression head trained beside the classifier (ROAS for success), with its test metrics. */
export interface RegressionResult {
  readonly target: string;
  readonly rows: number;
  readonly metrics: { readonly rmse: number; readonly mae: number; readonly r2: number; readonly baseline_rmse: number };
}

/**
 * Trains a GBDT regressor of `target` on the frame's labelled rows (split by entity like the classifier,
 * so the test creators are unseen), logs `<target>_rmse|mae|r2` and the baseline (predicting the training
 * mean) to the run, and the model as `<target>_model/gbdt.json`.
 *
 * @example const roas = await trainRegression(frame, { target: 'roas', splitBy: 'creator_id', … }, client, runId, now);
 */
export async function trainRegression(
  frame: TrainingFrame,
  spec: { target: string; splitBy: string; testFraction: number; seed: number; params: Partial<GbdtParams>; exclude: readonly string[] },
  client: TrackingClient,
  runId: string,
  now: number,
): Promise<RegressionResult> {
  const rows = frame.rows.filter((r) => r[spec.target] !== null && r[spec.target] !== undefined && Number.isFinite(Number(r[spec.target])));
  const columns = frame.featureColumns.filter((c) => !spec.exclude.includes(c));
  const { x, featureNames } = frameMatrix({ ...frame, rows }, columns);
  const y = Float64Array.from(rows, (r) => Number(r[spec.target]));
  const split = splitByEntity(
    rows.map((r) => String(r[spec.splitBy])),
    new Float64Array(rows.length),
    spec.testFraction,
    spec.seed,
  );
  if (split.train.length < 5 || split.test.length < 2) {
    throw new Error(`${spec.target} regression: ${rows.length} rows with a known ${spec.target} are too few — generate a larger world`);
  }
  const yt = Float64Array.from(split.train, (i) => y[i] as number);
  const model = trainGbdt(takeRows(x, split.train), yt, {
    params: { ...spec.params, objective: 'regression', seed: spec.seed },
    featureNames,
  });
  const pred = predictGbdt(model, takeRows(x, split.test));
  const truth = split.test.map((i) => y[i] as number);
  const mean = yt.reduce((a, b) => a + b, 0) / yt.length;
  let se = 0;
  let ae = 0;
  let base = 0;
  let tot = 0;
  const tm = truth.reduce((a, b) => a + b, 0) / truth.length;
  truth.forEach((t, i) => {
    const d = (pred[i] as number) - t;
    se += d * d;
    ae += Math.abs(d);
    base += (mean - t) ** 2;
    tot += (t - tm) ** 2;
  });
  const metrics = {
    rmse: Math.sqrt(se / truth.length),
    mae: ae / truth.length,
    r2: tot === 0 ? 0 : 1 - se / tot,
    baseline_rmse: Math.sqrt(base / truth.length),
  };
  await client.logBatch(runId, {
    metrics: Object.entries(metrics).map(([k, value]) => ({ key: `${spec.target}_${k}`, value, timestamp: now, step: 0 })),
    params: { [`${spec.target}_rows`]: rows.length },
  });
  await client.logText(runId, `${spec.target}_model/gbdt.json`, JSON.stringify({ featureNames, model: gbdtToJSON(model) }));
  return { target: spec.target, rows: rows.length, metrics };
}
