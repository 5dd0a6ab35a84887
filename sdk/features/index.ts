/**
 * The feature DSL, pure data and no I/O: entities, sources, expressions, aggregations, windows, feature sets.
 * Compiling to SQL lives in `sdk/compile` (which imports this, never the other way).
 *
 * @example
 * const set = defineFeatureSet({ name: 'creator_engagement', version: 1, entity: creator, source: engagement,
 *   windows: ['1d', '7d', '28d'], features: { likes: sum('likes'), posts: count() } });
 */

// Aggregations (one file each, every backend inside).
export {
  type AggregateDef,
  type AggSpec,
  type AggSqlContext,
  aggregateDef,
  aggregateNames,
  approxDistinct,
  count,
  countDistinct,
  defineAggregate,
  first,
  hash52,
  type Incremental,
  incremental,
  kmvEstimate,
  last,
  lastK,
  max,
  mean,
  min,
  type PrepareContext,
  ratio,
  type StateOps,
  slope,
  stddev,
  sum,
  variance,
  zscore,
} from './aggregates/index.ts';
// Definitions as data: canonical JSON and content hash.
export { canonicalJson, contentHash } from './canonical.ts';
export { type CohortSpec, cohortPercentile, cohortZScore } from './cohort.ts';
export { type DerivedSpec, derive, deriveAcross } from './derived.ts';
export { brand, campaign, creator, defineEntity, type EntityDef } from './entity.ts';
// Expressions.
export {
  add,
  and,
  caseWhen,
  cast,
  coalesce,
  col,
  compileEvaluator,
  div,
  type Evaluator,
  type Expr,
  type ExprLike,
  type ExprNode,
  eq,
  feat,
  gt,
  gte,
  isExpr,
  isNull,
  lit,
  lt,
  lte,
  mul,
  neq,
  not,
  or,
  safeDiv,
  sub,
  type TypingScope,
  typeOfExpr,
  walkExpr,
} from './expr/index.ts';
export { defineFeatureSet, type FeatureOutput, type FeatureSetDef, type FeatureSpec } from './feature-set.ts';
export type { InferFeatureRow, TsOfColumn } from './infer.ts';
export { defineSource, type SourceColumn, type SourceDef } from './source.ts';
export { aggregateOutputName, featRefs } from './validate.ts';
export { type ScalarKind, scalarKindOf, type ValueType } from './value-type.ts';
export { defineFeatureView, type FeatureViewDef, type ViewFeatureSpec } from './view.ts';
// Windows and the one boundary rule shared by SQL and streaming.
export {
  DAY_MS,
  floorTo,
  HOUR_MS,
  inWindow,
  MINUTE_MS,
  parseWindow,
  tileIndex,
  tileMsFor,
  type WindowName,
  type WindowSpec,
  windowLowerBound,
} from './window.ts';
