import type { KolConfig } from '../config/index.ts';
import { openDuckDB } from '../engines/index.ts';
import type { FeatureSetDef, FeatureViewDef } from '../features/index.ts';
import { compileTrainingFrame, featureSetsOf } from '../frame/index.ts';
import { currentSnapshotId, ensureTable, replaceWhere } from '../lake/index.ts';
import { eventTypeOf, jsonlRelation, silverTablesIn } from './tables.ts';

export interface BackfillResult {
  readonly table: string;
  readonly from: string;
  readonly to: string;
  readonly rows: number;
  /** False when the table already held exactly these values for those days: nothing was committed. */
  readonly changed: boolean;
  readonly snapshotId: string | null;
  readonly source: string;
  readonly seconds: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `kol-sdk features backfill`: the values of a feature set or view for every entity at the end of every
 * UTC day in [from, to], written to the gold table `kol_gold.features_<name>_v<version>` (partitioned by
 * `dt`) in one commit that replaces exactly those days. A re-run with the same events commits nothing.
 * The values are the ones training frames get for as_of = the day's end (the same compiled SQL).
 *
 * @example const r = await backfillFeatures(creatorTrustView, { config, from: '2024-02-01', to: '2024-02-29' });
 */
export async function backfillFeatures(
  def: FeatureSetDef | FeatureViewDef,
  options: { config: KolConfig; from: string; to: string; log?: (line: string) => void },
): Promise<BackfillResult> {
  const { config, from, to } = options;
  const log = options.log ?? (() => {});
  if (!DAY.test(from) || !DAY.test(to) || from > to)
    throw new Error(`--from and --to must be days YYYY-MM-DD with from ≤ to, got ${from} and ${to}`);
  const started = performance.now();
  const lake = await openDuckDB(config);
  try {
    await lake.connection.run("SET TimeZone = 'UTC'");
    // One thread: parallel float aggregation sums in a varying order, and a re-run must reproduce the
    // stored values bit for bit to commit nothing.
    await lake.connection.run('SET threads = 1');
    const sets = featureSetsOf([def]);
    const types = [...new Set(sets.map(eventTypeOf))];
    const silver = config.lake.namespaces.silver;
    const found = await silverTablesIn(lake, silver);
    const fromLake = types.every((t) => found.has(t));
    const rel = new Map<string, string>();
    for (const t of types) {
      if (fromLake) rel.set(t, `lake.${silver}.${t}`);
      else {
        await lake.runner.run(`CREATE OR REPLACE TEMP TABLE ev_${t} AS SELECT * FROM ${jsonlRelation(t, config.events.dir)}`);
        rel.set(t, `temp.main.ev_${t}`);
      }
    }
    const source = fromLake ? `the lake's ${silver} tables` : `the generated files in ${config.events.dir}`;
    log(`reading ${source}`);
    const first = sets[0] as FeatureSetDef;
    const keys = [...new Set(sets.flatMap((s) => s.entity.keys))];
    const entities = `SELECT DISTINCT ${keys.map((k) => `"${k}"`).join(', ')} FROM ${rel.get(eventTypeOf(first))}`;
    const spine = `SELECT e.*, CAST(d.day AS TIMESTAMP) + INTERVAL 1 DAY AS as_of FROM (${entities}) AS e CROSS JOIN (SELECT range AS day FROM range(DATE '${from}', DATE '${to}' + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS d`;
    const compiled = compileTrainingFrame(
      {
        spine: { sql: spine },
        features: [def],
        tables: Object.fromEntries(sets.map((s) => [s.source.name, rel.get(eventTypeOf(s)) as string])),
      },
      'duckdb',
    );
    const query = `SELECT CAST(as_of - INTERVAL 1 DAY AS DATE) AS dt, * FROM (${compiled.sql}) AS f`;
    const columns = (await lake.runner.rows(`DESCRIBE ${query}`)).map((r) => `"${String(r.column_name)}" ${String(r.column_type)}`);
    const t = { namespace: config.lake.namespaces.gold, name: `features_${def.name}_v${def.version}` };
    await ensureTable(lake.runner, t, { columns: columns.join(', '), partitionBy: 'dt' });
    const r = await replaceWhere(lake.runner, t, `dt BETWEEN DATE '${from}' AND DATE '${to}'`, query);
    return {
      table: `${t.namespace}.${t.name}`,
      from,
      to,
      rows: r.rows,
      changed: r.changed,
      snapshotId: await currentSnapshotId(lake.runner, t),
      source,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await lake.close();
  }
}
