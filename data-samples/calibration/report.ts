/**
 * Prints the calibration table of a generated world: target vs measured ER per follower bucket and
 * configured vs measured fraud rate per tier, measured from the raw events.
 *
 *   npm run calibration                         # scale s, seed 42
 *   npm run calibration -- --scale m --seed 7   # any scale and seed
 */
import { parseArgs } from 'node:util';
import { generateWorld, SCALE_NAMES, type ScaleName, worldOptions } from '../generator/index.ts';
import { calibrationSink } from './measure.ts';
import { formatCalibration } from './table.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 's' }, seed: { type: 'string', default: '42' } } });
const scale = values.scale as ScaleName;
const seed = Number(values.seed);
if (!SCALE_NAMES.includes(scale)) throw new Error(`unknown scale '${values.scale}': use one of ${SCALE_NAMES.join(', ')}`);
if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got '${values.seed}'`);
const options = worldOptions(scale, seed);
const sink = calibrationSink();
const { events } = await generateWorld(options, sink);
process.stdout.write(
  formatCalibration(
    sink.table(options),
    `scale ${scale} (${options.creators} creators, ${options.days} days, ${events.toLocaleString('en-US')} events), seed ${seed}`,
  ),
);
