import { type Table, tableFromArrays } from 'apache-arrow';
import { type CompiledFrame, compileTrainingFrame } from './compile.ts';
import type { TrainingFrameSpec } from './spec.ts';

/** Runs SQL on one engine (DuckDB in process, Trino on the cluster); rows come back as plain JS values. */
export interface SqlRunner {
  readonly dialect: 'duckdb' | 'trino';
  rows(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
}

/** A point-in-time training frame: rows, the SQL that made them, and the feature columns. */
export interface TrainingFrame extends CompiledFrame {
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Builds the point-in-time training frame on an engine. The only path training uses: every value is
 * computed by the compiled feature SQL as of each spine row, so no future event or revision leaks in.
 * With `writeTo`, the frame is also stored as a table (e.g. an Iceberg table `lake.kol_gold.trust_frame`).
 *
 * @example
 * const frame = await buildTrainingFrame({ spine: { table: 'trust_spine' }, carry: ['is_fraud'], features: [trustSet] }, runner);
 * const { x, featureNames } = frameMatrix(frame);
 */
export async function buildTrainingFrame(
  spec: TrainingFrameSpec,
  runner: SqlRunner,
  options: { writeTo?: string } = {},
): Promise<TrainingFrame> {
  const compiled = compileTrainingFrame(spec, runner.dialect);
  if (options.writeTo) {
    await runner.run(`CREATE OR REPLACE TABLE ${options.writeTo} AS ${compiled.sql}`);
    const rows = await runner.rows(`SELECT * FROM ${options.writeTo}`);
    return { ...compiled, rows };
  }
  return { ...compiled, rows: await runner.rows(compiled.sql) };
}

const toNumber = (v: unknown): number => {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  const n = Number(v);
  return Number.isFinite(n) ? n : Number.NaN;
};

/**
 * The numeric feature matrix of a frame (row-major, NaN for null), for the learners. Non-numeric feature
 * columns (a platform name…) are left out and listed in `skipped`.
 */
export function frameMatrix(
  frame: TrainingFrame,
  columns: readonly string[] = frame.featureColumns,
): { x: { rows: number; cols: number; values: Float64Array }; featureNames: string[]; skipped: string[] } {
  const numeric = columns.filter((c) =>
    frame.rows.every((r) => {
      const v = r[c];
      return v === null || v === undefined || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
    }),
  );
  const skipped = columns.filter((c) => !numeric.includes(c));
  const values = new Float64Array(frame.rows.length * numeric.length);
  frame.rows.forEach((r, i) => {
    numeric.forEach((c, j) => {
      values[i * numeric.length + j] = toNumber(r[c]);
    });
  });
  return { x: { rows: frame.rows.length, cols: numeric.length, values }, featureNames: numeric, skipped };
}

/** The frame as an Arrow table (numbers as Float64, everything else as strings; nulls kept). */
export function frameToArrow(frame: TrainingFrame): Table {
  const arrays: Record<string, Float64Array | (string | null)[]> = {};
  for (const c of frame.columns) {
    const numeric = frame.rows.every((r) => r[c] === null || typeof r[c] === 'number' || typeof r[c] === 'bigint');
    arrays[c] = numeric
      ? Float64Array.from(frame.rows, (r) => toNumber(r[c]))
      : frame.rows.map((r) =>
          r[c] === null || r[c] === undefined ? null : r[c] instanceof Date ? (r[c] as Date).toISOString() : String(r[c]),
        );
  }
  return tableFromArrays(arrays as Parameters<typeof tableFromArrays>[0]);
}

/**
 * Adapts a `@duckdb/node-api` connection (duck-typed, so this module does not load DuckDB).
 *
 * @example const runner = duckdbRunner(await (await DuckDBInstance.create()).connect());
 */
export function duckdbRunner(connection: {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): unknown[] }>;
}): SqlRunner {
  return {
    dialect: 'duckdb',
    rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
    run: async (sql) => {
      await connection.run(sql);
    },
  };
}
