/** What the reference needs from the SDK: window rules, the KMV hash and value order (definitions, not SQL). */
export { compareValues } from '../../sdk/features/aggregates/values.ts';
export {
  type AggSpec,
  DAY_MS,
  type FeatureSetDef,
  hash52,
  inWindow,
  kmvEstimate,
  parseWindow,
  type ValueType,
  type WindowSpec,
} from '../../sdk/features/index.ts';
