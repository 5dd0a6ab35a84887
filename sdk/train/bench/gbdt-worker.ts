/**
 * Trains the TypeScript GBDT on a CSV (label first, empty = missing) in its own process, so that the
 * benchmark can pin it to one core like the reference; prints {"auc", "seconds", "trees"} as JSON.
 */
import { readFileSync } from 'node:fs';
import { predictGbdt, trainGbdt } from '../gbdt/index.ts';
import { rocAuc } from '../metrics/index.ts';

function readCsv(path: string): { x: { rows: number; cols: number; values: Float64Array }; y: Float64Array } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const cols = (lines[0] as string).split(',').length - 1;
  const values = new Float64Array(lines.length * cols);
  const y = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    y[i] = Number(cells[0]);
    for (let j = 0; j < cols; j++) {
      const c = cells[j + 1] as string;
      values[i * cols + j] = c === '' ? Number.NaN : Number(c);
    }
  });
  return { x: { rows: lines.length, cols, values }, y };
}

const [trainPath, testPath, paramsJson] = process.argv.slice(2) as [string, string, string];
const train = readCsv(trainPath);
const test = readCsv(testPath);
const started = performance.now();
const model = trainGbdt(train.x, train.y, { params: JSON.parse(paramsJson) });
const seconds = (performance.now() - started) / 1000;
const auc = rocAuc(predictGbdt(model, test.x), test.y);
process.stdout.write(`${JSON.stringify({ auc, seconds, trees: model.trees.length })}\n`);
