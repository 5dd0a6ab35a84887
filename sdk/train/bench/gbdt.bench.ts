/**
 * `npm run bench:gbdt`: the TypeScript GBDT against LightGBM (1 and 2 threads) and scikit-learn's
 * RandomForest on the same train/test files, with the same leaves, bins, learning rate and rounds.
 * The bar (issue: training the ensembles): ROC-AUC within 0.005 of LightGBM, and training time at most
 * 3× LightGBM's single-threaded time. Each engine runs in its own process, pinned to one core with
 * `taskset` when available, 3 times; the median is reported with the spread.
 *
 *   npm run bench:gbdt -- [--rows 100000] [--features 30] [--runs 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GBDT_PARAMS } from '../gbdt/params.ts';
import { seeded } from '../gbdt/random.ts';
import { referencePython } from './python-env.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    features: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
  },
});
const rows = Number(args.rows);
const F = Number(args.features);
const runs = Number(args.runs);

/** A seeded, imbalanced (~20% positive) problem with interactions, thresholds and 5% missing values. */
function writeDataset(path: string, n: number, seed: number): void {
  const rand = seeded(seed);
  const lines: string[] = [];
  const v = new Float64Array(F);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) v[j] = j % 3 === 0 ? Math.log1p(rand() * 1000) : rand() * 2 - 1;
    const z =
      1.5 * (v[1] as number) * (v[2] as number) +
      ((v[3] as number) > 4 ? 1.2 : -0.4) +
      Math.sin(3 * (v[4] as number)) +
      0.8 * (v[5] as number) ** 2 -
      1.3;
    const y = rand() < 1 / (1 + Math.exp(-2.5 * z)) ? 1 : 0;
    const cells = [String(y)];
    for (let j = 0; j < F; j++) cells.push(rand() < 0.05 ? '' : (v[j] as number).toPrecision(8));
    lines.push(cells.join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const params = { ...DEFAULT_GBDT_PARAMS, numRounds: 200, numLeaves: 31, learningRate: 0.1, minDataInLeaf: 20, maxBin: 255 };
const dir = mkdtempSync(join(tmpdir(), 'kol-bench-gbdt-'));
const trainCsv = join(dir, 'train.csv');
const testCsv = join(dir, 'test.csv');
writeDataset(trainCsv, rows, 1);
writeDataset(testCsv, Math.round(rows / 2), 2);

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();
const pinned = (cores: string, cmd: string, argv: string[]): [string, string[]] =>
  hasTaskset ? ['taskset', ['-c', cores, cmd, ...argv]] : [cmd, argv];

function runMany(label: string, threads: number, cmd: string, argv: string[]) {
  const results: { auc: number; seconds: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const [c, a] = pinned(threads === 1 ? '1' : '0,1', cmd, argv);
    results.push(
      JSON.parse(
        execFileSync(c, a, { encoding: 'utf8', maxBuffer: 1 << 26 })
          .trim()
          .split('\n')
          .pop() as string,
      ),
    );
  }
  const secs = results.map((r) => r.seconds).sort((a, b) => a - b);
  return {
    label,
    threads,
    auc: results[0]?.auc ?? Number.NaN,
    median: secs[Math.floor(secs.length / 2)] as number,
    min: secs[0] as number,
    max: secs.at(-1) as number,
  };
}

const python = await referencePython();
const script = join(import.meta.dirname, 'reference.py');
const pjson = JSON.stringify(params);
const rowsOut = [
  runMany('kol-sdk GBDT (TypeScript)', 1, process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'gbdt-worker.ts'),
    trainCsv,
    testCsv,
    pjson,
  ]),
  runMany('LightGBM 4.7.0', 1, python, [script, 'lightgbm', trainCsv, testCsv, pjson, '1']),
  runMany('LightGBM 4.7.0', 2, python, [script, 'lightgbm', trainCsv, testCsv, pjson, '2']),
  runMany('scikit-learn 1.9.1 RandomForest (200 trees)', 2, python, [script, 'rf', trainCsv, testCsv, pjson, '2']),
];
const ours = rowsOut[0] as (typeof rowsOut)[number];
const ref = rowsOut[1] as (typeof rowsOut)[number];
console.log(
  `\nGBDT benchmark: ${rows} train rows, ${Math.round(rows / 2)} test rows, ${F} features, ${params.numRounds} rounds, ${params.numLeaves} leaves, ${params.maxBin} bins; Node ${process.versions.node}; ${runs} runs each, median [min–max]; ${hasTaskset ? 'pinned with taskset' : 'not pinned'}\n`,
);
console.log('| engine | threads | ROC-AUC | train s | vs LightGBM 1 thread |');
console.log('|---|---|---|---|---|');
for (const r of rowsOut) {
  console.log(
    `| ${r.label} | ${r.threads} | ${r.auc.toFixed(4)} | ${r.median.toFixed(2)} [${r.min.toFixed(2)}–${r.max.toFixed(2)}] | ${(r.median / ref.median).toFixed(2)}× |`,
  );
}
const aucGap = ref.auc - ours.auc;
const ratio = ours.median / ref.median;
console.log(
  `\nbar: AUC gap ${aucGap.toFixed(4)} (≤ 0.005: ${aucGap <= 0.005 ? 'met' : 'NOT met'}); time ${ratio.toFixed(2)}× LightGBM single-threaded (≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'})`,
);
