/** Aggregations, one per file; each states its SQL, its incremental state and its output type. */
export { approxDistinct } from './approx-distinct.ts';
export { count } from './count.ts';
export { countDistinct } from './count-distinct.ts';
export {
  type AggParams,
  type AggregateDef,
  type AggSpec,
  type AggSqlContext,
  aggregateDef,
  aggregateNames,
  defineAggregate,
  type PrepareContext,
  type StateOps,
} from './define.ts';
export { first } from './first.ts';
export { type Incremental, incremental } from './incremental.ts';
export { hash52, kmvEstimate } from './kmv.ts';
export { last } from './last.ts';
export { lastK } from './last-k.ts';
export { max } from './max.ts';
export { mean } from './mean.ts';
export { min } from './min.ts';
export { ratio } from './ratio.ts';
export { slope } from './slope.ts';
export { stddev } from './stddev.ts';
export { sum } from './sum.ts';
export type { ListOfInput, SameAsInput } from './values.ts';
export { variance } from './variance.ts';
export { zscore } from './zscore.ts';
