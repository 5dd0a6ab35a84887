/** What the pipelines take and report; plain data so that `--json` prints it as is. */

/** A layer of the lake, or all of them in order. */
export type PipelineStage = 'bronze' | 'silver' | 'gold' | 'all';

export const PIPELINE_STAGES: readonly PipelineStage[] = Object.freeze(['bronze', 'silver', 'gold', 'all']);

/** An inclusive range of UTC days (`YYYY-MM-DD`); absent ends are open. */
export interface DayRange {
  readonly from?: string;
  readonly to?: string;
}

/** The outcome for one table. */
export interface TableRun {
  readonly layer: 'bronze' | 'silver' | 'gold';
  /** `kol_silver.posts` */
  readonly table: string;
  /** Rows read from the layer below (new lines read, for bronze from files; rows computed, for gold). */
  readonly rowsIn: number;
  /** Rows written by this run's commit (0 when nothing changed). */
  readonly rowsOut: number;
  /** Records that broke their contract (bronze), landed in `kol_bronze.dead_letters` with the reason. */
  readonly deadLettered: number;
  /** False when the table already held exactly this result: no commit was made. */
  readonly changed: boolean;
  /** The table's current snapshot after the run (as a string: snapshot ids exceed 2^53). */
  readonly snapshotId: string | null;
  readonly seconds: number;
}

export interface PipelineSummary {
  readonly stage: PipelineStage;
  readonly range: DayRange;
  readonly tables: readonly TableRun[];
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly deadLettered: number;
  readonly seconds: number;
}
