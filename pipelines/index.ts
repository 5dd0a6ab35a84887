/**
 * The lake's pipelines: bronze (generated files landed exactly once, with their source positions and
 * dead letters), silver (typed per contract, one row per event id), gold (daily KPIs per creator and per
 * campaign). Run by `kol-sdk pipeline run`.
 */
export { BRONZE_COLUMNS, DEAD_LETTER_TABLE, landFile, SOURCE_COLUMNS } from './bronze.ts';
export { type CrashPoint, type KafkaLandOptions, landKafka } from './bronze-kafka.ts';
export {
  buildGold,
  CAMPAIGN_DAILY_COLUMNS,
  CREATOR_DAILY_COLUMNS,
  campaignDailyQuery,
  creatorDailyQuery,
  GOLD_PARTITIONING,
  GOLD_TABLES,
} from './gold.ts';
export { KPI_30D_COLUMNS, KPI_30D_SQL, kpi30dQuery } from './kpi.ts';
export { checkRange, type PipelineOptions, runPipeline } from './run.ts';
export { buildSilver, silverDay, silverQuery } from './silver.ts';
export { type DayRange, PIPELINE_STAGES, type PipelineStage, type PipelineSummary, type TableRun } from './types.ts';
