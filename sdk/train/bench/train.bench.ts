/**
 * `npm run bench:train`: on the real trust frame (built through the feature definitions, split by creator
 * as `kol-sdk train` splits it), the full stacked ensemble and its GBDT alone against LightGBM (1 thread)
 * and scikit-learn's RandomForest (1 thread): test ROC-AUC and training wall time side by side.
 * The GBDT and LightGBM get the trust spec's trees (rounds, leaves, learning rate, min data in leaf) with
 * a fixed round count and no class weights, so both see exactly the same problem; the ensemble runs the
 * trust spec as is (`--folds` lowers its fold count to keep the run short on a loaded machine).
 * One run each, not pinned: a side-by-side, not a timing study (see `bench:gbdt` for that).
 *
 *   KOL_EVENTS_DIR=/path/to/scale-s-world npm run bench:train -- [--folds 4]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { trustExperiment } from '../../../models/index.ts';
import { resolveConfig } from '../../config/index.ts';
import { buildTrainingFrame, featureSetsOf } from '../../frame/index.ts';
import { eventTypesOf, expandEvents, labelledFrame, openJobEngine } from '../../jobs/index.ts';
import { predictEnsemble, trainEnsemble } from '../ensemble.ts';
import { type Matrix, takeRows } from '../gbdt/matrix.ts';
import { DEFAULT_GBDT_PARAMS } from '../gbdt/params.ts';
import { rocAuc } from '../metrics/index.ts';
import { splitByEntity } from '../splits.ts';
import { referencePython } from './python-env.ts';

const { values: args } = parseArgs({ options: { folds: { type: 'string' } } });
const def = trustExperiment;
const spec = { ...def.spec.ensemble, ...(args.folds ? { folds: Number(args.folds) } : {}) };
const log = (line: string) => process.stderr.write(`${line}\n`);

const config = resolveConfig();
const engine = await openJobEngine(config, eventTypesOf(def), { log });
let frame: Awaited<ReturnType<typeof buildTrainingFrame>>;
const frameStarted = performance.now();
try {
  log(`reading events: ${engine.describe}`);
  const t = (
    await engine.runner.rows(
      `SELECT ${engine.runner.dialect === 'trino' ? 'CAST(to_unixtime(max(captured_at)) * 1000 AS bigint)' : 'epoch_ms(max(captured_at))'} AS t FROM ${engine.relation('follower_snapshots')}`,
    )
  )[0]?.t;
  frame = await buildTrainingFrame(
    {
      spine: { sql: expandEvents(def.spine, engine.relation) },
      carry: def.carry,
      features: def.features,
      tables: engine.sourceTables(featureSetsOf(def.features)),
      ...(def.labels
        ? { labels: { ...def.labels, from: expandEvents(def.labels.from, engine.relation), usedAt: new Date(Number(t)) } }
        : {}),
    },
    engine.runner,
  );
} finally {
  await engine.close();
}
const frameSeconds = (performance.now() - frameStarted) / 1000;
const { labelled } = labelledFrame(frame, def);
const split = splitByEntity(labelled.entity, labelled.label, def.spec.testFraction, spec.seed);
const part = (idx: number[]) => ({ x: takeRows(labelled.x, idx), y: Float64Array.from(idx, (i) => labelled.label[i] as number) });
const train = part(split.train);
const test = part(split.test);
const positives = (y: Float64Array) => y.reduce((a, b) => a + b, 0);
log(`frame: ${labelled.x.rows} labelled rows × ${labelled.featureNames.length} features in ${frameSeconds.toFixed(1)} s`);

function writeCsv(path: string, x: Matrix, y: Float64Array): void {
  const lines: string[] = [];
  for (let i = 0; i < x.rows; i++) {
    const cells = [String(y[i])];
    for (let j = 0; j < x.cols; j++) {
      const v = x.values[i * x.cols + j] as number;
      cells.push(Number.isNaN(v) ? '' : String(v));
    }
    lines.push(cells.join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
const dir = mkdtempSync(join(tmpdir(), 'kol-bench-train-'));
const trainCsv = join(dir, 'train.csv');
const testCsv = join(dir, 'test.csv');
writeCsv(trainCsv, train.x, train.y);
writeCsv(testCsv, test.x, test.y);

const gbdtParams = { ...DEFAULT_GBDT_PARAMS, ...spec.gbdt, earlyStoppingRounds: 0, seed: spec.seed };
const pjson = JSON.stringify(gbdtParams);
const runJson = (cmd: string, argv: string[]): { auc: number; seconds: number } =>
  JSON.parse(
    execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 })
      .trim()
      .split('\n')
      .pop() as string,
  );

const rows: { label: string; auc: number; seconds: number }[] = [];
log(`stacked ensemble (${spec.folds} folds)`);
const started = performance.now();
const ensemble = await trainEnsemble(train.x, train.y, { spec, featureNames: labelled.featureNames, onProgress: (s) => log(`  ${s}`) });
const ensembleSeconds = (performance.now() - started) / 1000;
const { probability } = await predictEnsemble(ensemble, test.x);
rows.push({
  label: `kol-sdk stacked ensemble (GBDT + logistic + MLP, ${spec.folds} folds, calibrated)`,
  auc: rocAuc(probability, test.y),
  seconds: ensembleSeconds,
});
log('GBDT alone');
rows.push({
  label: 'kol-sdk GBDT alone (TypeScript)',
  ...runJson(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'gbdt-worker.ts'), trainCsv, testCsv, pjson]),
});
const python = await referencePython(log);
const script = join(import.meta.dirname, 'reference.py');
log('LightGBM');
rows.push({ label: 'LightGBM 4.7.0 (1 thread)', ...runJson(python, [script, 'lightgbm', trainCsv, testCsv, pjson, '1']) });
log('RandomForest');
rows.push({
  label: 'scikit-learn 1.9.1 RandomForest (200 trees, 1 thread)',
  ...runJson(python, [script, 'rf', trainCsv, testCsv, pjson, '1']),
});

const lgbm = rows[2] as (typeof rows)[number];
console.log(
  `\nTrust frame (${engine.describe}): ${train.x.rows} train rows (${positives(train.y)} positive), ${test.x.rows} test rows (${positives(test.y)} positive), ${labelled.featureNames.length} features, split by creator; trees: ${gbdtParams.numRounds} rounds, ${gbdtParams.numLeaves} leaves, learning rate ${gbdtParams.learningRate}; Node ${process.versions.node}; one run each\n`,
);
console.log('| model | test ROC-AUC | train s | vs LightGBM time |');
console.log('|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.label} | ${r.auc.toFixed(4)} | ${r.seconds.toFixed(2)} | ${(r.seconds / lgbm.seconds).toFixed(1)}× |`);
