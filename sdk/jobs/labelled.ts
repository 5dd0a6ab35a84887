import { frameMatrix, type TrainingFrame } from '../frame/index.ts';
import type { LabelledFrame } from '../train/index.ts';
import type { ExperimentDefinition } from './experiment.ts';

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v)));
const text = (v: unknown): string => (v === null || v === undefined ? 'unknown' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)]);

/**
 * The learners' view of a training frame: rows whose label is known, the numeric features as a matrix
 * (text features such as platform are group keys, not inputs), the split entity, time and groups.
 *
 * @example const labelled = labelledFrame(frame, trustExperiment); // labelled.x.rows === frame rows with a label
 */
export function labelledFrame(frame: TrainingFrame, def: ExperimentDefinition): { labelled: LabelledFrame; dropped: number } {
  const rows = frame.rows.filter((r) => r[def.label] !== null && r[def.label] !== undefined);
  const kept: TrainingFrame = { ...frame, rows };
  const { x, featureNames } = frameMatrix(kept);
  const label = Float64Array.from(rows, (r) => (Number(r[def.label]) > 0 ? 1 : 0));
  const labelled: LabelledFrame = {
    x,
    featureNames,
    label,
    entity: rows.map((r) => text(r[def.splitBy])),
    asOf: rows.map((r) => ms(r.as_of)),
    groups: Object.fromEntries(Object.entries(def.groups).map(([column, group]) => [group, rows.map((r) => text(r[column]))])),
    ...(def.typesColumn ? { types: rows.map((r) => list(r[def.typesColumn as string])) } : {}),
  };
  return { labelled, dropped: frame.rows.length - rows.length };
}
