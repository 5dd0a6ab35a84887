import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { LIBRARY } from '../../../features/index.ts';
import { compileFeatureSet } from '../../compile/index.ts';
import type { FeatureSetDef, FeatureViewDef } from '../../features/index.ts';
import { compileTrainingFrame, featureSetsOf } from '../../frame/index.ts';
import { backfillFeatures, eventTypeOf, openJobEngine } from '../../jobs/index.ts';
import { commandContext } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';

function lookup(name: string): FeatureSetDef | FeatureViewDef {
  const def = LIBRARY[name];
  if (def === undefined) {
    throw new CliError(`unknown feature set '${name}': use one of ${Object.keys(LIBRARY).join(', ')} (kol-sdk features list)`, EXIT.usage);
  }
  return def;
}

const describeDef = (d: FeatureSetDef | FeatureViewDef) =>
  d.kind === 'feature_set'
    ? {
        name: d.name,
        kind: d.kind,
        version: d.version,
        hash: d.hash,
        description: d.description,
        entity: d.entity.name,
        keys: d.entity.keys,
        source: {
          name: d.source.name,
          table: d.source.table,
          topic: d.source.topic,
          event_time: d.source.eventTime,
          observed_time: d.source.observedTime,
        },
        windows: d.windows,
        online: d.online,
        outputs: d.outputs.map((o) => ({ name: o.name, type: o.type, role: o.role, window: o.window })),
      }
    : {
        name: d.name,
        kind: d.kind,
        version: d.version,
        hash: d.hash,
        description: d.description,
        inputs: d.inputs.map((s) => s.name),
        outputs: d.outputs.map((o) => ({ name: o.name, type: o.type, role: o.role, window: o.window })),
      };

/** The spine file as a DuckDB relation: CSV, JSON Lines or Parquet with the entity keys and `as_of`. */
function spineRelation(file: string): string {
  const path = `'${resolve(file).replaceAll("'", "''")}'`;
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return `read_csv(${path}, header = true, auto_detect = true)`;
  if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') return `read_json(${path}, format = 'auto')`;
  if (ext === '.parquet') return `read_parquet(${path})`;
  throw new CliError(`spine file '${file}': use .csv, .jsonl or .parquet`, EXIT.usage);
}

/** `kol-sdk features list|describe|compile|frame`: the KOL feature library and its compiled SQL. */
export function registerFeatures(program: Command): void {
  const features = program.command('features').description('the feature library in features/: list, describe, compile, build frames');
  features
    .command('list')
    .description('feature sets and views with their version, entity or inputs, windows and hash')
    .option('--json', 'machine-readable output')
    .action((_opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const rows = Object.values(LIBRARY).map((d) => ({
        name: d.name,
        kind: d.kind === 'feature_set' ? 'set' : 'view',
        version: d.version,
        reads: d.kind === 'feature_set' ? `${d.source.name} (${d.entity.name})` : d.inputs.map((s) => s.name).join(', '),
        windows: d.kind === 'feature_set' ? d.windows.join(',') : '',
        outputs: d.outputs.length,
        hash: d.hash.slice(0, 12),
      }));
      ctx.out.result(rows, () => ctx.out.table(rows));
    });
  features
    .command('describe <name>')
    .description('a feature set or view: source, windows, every output with its type')
    .option('--json', 'machine-readable output')
    .action((name: string, _opts: unknown, command: Command) => {
      const ctx = commandContext(command);
      const value = describeDef(lookup(name));
      ctx.out.result(value, () => {
        ctx.out.line(`${value.name} v${value.version} (${value.kind}, ${value.hash.slice(0, 12)})`);
        if (value.description) ctx.out.line(value.description);
        if ('source' in value && value.source !== undefined && value.windows !== undefined)
          ctx.out.line(`source ${value.source.name}: ${value.source.table} | ${value.source.topic}; windows ${value.windows.join(', ')}`);
        else if ('inputs' in value && value.inputs !== undefined) ctx.out.line(`view over ${value.inputs.join(', ')}`);
        ctx.out.table(value.outputs.map((o) => ({ ...o, window: o.window ?? '' })));
      });
    });
  features
    .command('compile <name>')
    .description('the point-in-time SQL of a feature set or view, for a spine relation named `spine` (entity keys, as_of)')
    .option('--dialect <dialect>', 'duckdb | trino', 'duckdb')
    .action((name: string, opts: { dialect: string }) => {
      if (opts.dialect !== 'duckdb' && opts.dialect !== 'trino')
        throw new CliError(`--dialect must be duckdb or trino, got '${opts.dialect}'`, EXIT.usage);
      const def = lookup(name);
      const sql =
        def.kind === 'feature_set'
          ? compileFeatureSet(def, { dialect: opts.dialect, spine: { table: 'spine' } }).sql
          : compileTrainingFrame({ spine: { table: 'spine' }, features: [def] }, opts.dialect).sql;
      process.stdout.write(`${sql}\n`);
    });
  features
    .command('frame')
    .description('a point-in-time frame for a spine file (entity keys and as_of), written as Parquet, CSV or JSON Lines')
    .requiredOption('--spine <file>', 'spine rows: .csv, .jsonl or .parquet with the entity keys and as_of (extra columns are carried)')
    .requiredOption('--out <file>', 'output: .parquet, .csv or .jsonl')
    .option('--features <names>', 'comma-separated feature sets or views', 'creator_trust_view')
    .option('--json', 'machine-readable output')
    .action(async (opts: { spine: string; out: string; features: string }, command: Command) => {
      const ctx = commandContext(command);
      const defs = opts.features.split(',').map((n) => lookup(n.trim()));
      const sets = featureSetsOf(defs);
      const types = [...new Set(sets.map(eventTypeOf))];
      const engine = await openJobEngine(ctx.config(), types, { log: (l) => ctx.out.note(l) });
      try {
        if (engine.runner.dialect !== 'duckdb')
          throw new CliError(
            'features frame runs on DuckDB (local profile); on Trino use kol-sdk query with kol-sdk features compile',
            EXIT.usage,
          );
        const spineCols = (await engine.runner.rows(`DESCRIBE SELECT * FROM ${spineRelation(opts.spine)}`)).map((r) =>
          String(r.column_name),
        );
        const keys = [...new Set(sets.flatMap((s) => s.entity.keys))];
        const missing = [...keys, 'as_of'].filter((c) => !spineCols.includes(c));
        if (missing.length > 0)
          throw new CliError(`spine '${opts.spine}' lacks ${missing.join(', ')} (it has ${spineCols.join(', ')})`, EXIT.usage);
        const carry = spineCols.filter((c) => !keys.includes(c) && c !== 'as_of');
        const compiled = compileTrainingFrame(
          {
            spine: { sql: `SELECT * REPLACE (CAST(as_of AS TIMESTAMP) AS as_of) FROM ${spineRelation(opts.spine)}` },
            carry,
            features: defs,
            tables: engine.sourceTables(sets),
          },
          'duckdb',
        );
        const out = resolve(opts.out);
        const ext = extname(out).toLowerCase();
        const format =
          ext === '.parquet' ? 'PARQUET' : ext === '.csv' ? 'CSV, HEADER true' : ext === '.jsonl' || ext === '.json' ? 'JSON' : undefined;
        if (format === undefined) throw new CliError(`--out '${opts.out}': use .parquet, .csv or .jsonl`, EXIT.usage);
        await engine.runner.run(`COPY (${compiled.sql}) TO '${out.replaceAll("'", "''")}' (FORMAT ${format})`);
        const n = Number((await engine.runner.rows(`SELECT count(*) AS n FROM ${spineRelation(opts.spine)}`))[0]?.n ?? 0);
        ctx.out.result({ out, rows: n, columns: compiled.columns, feature_sets: compiled.featureSetHashes }, () =>
          ctx.out.line(`${n} rows × ${compiled.columns.length} columns → ${out}`),
        );
      } finally {
        await engine.close();
      }
    });
  features
    .command('backfill <name>')
    .description(
      'values of a feature set or view for every entity at the end of each UTC day, into the gold table kol_gold.features_<name>_v<version> (those days replaced in one commit)',
    )
    .requiredOption('--from <day>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <day>', 'last day, YYYY-MM-DD')
    .option('--json', 'machine-readable output: {"table", "from", "to", "rows", "changed", "snapshot_id", "seconds"}')
    .action(async (name: string, opts: { from: string; to: string }, command: Command) => {
      const ctx = commandContext(command);
      const def = lookup(name);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.from) || !/^\d{4}-\d{2}-\d{2}$/.test(opts.to) || opts.from > opts.to) {
        throw new CliError(`--from and --to must be days YYYY-MM-DD with from ≤ to, got ${opts.from} and ${opts.to}`, EXIT.usage);
      }
      const r = await backfillFeatures(def, { config: ctx.config(), from: opts.from, to: opts.to, log: (l) => ctx.out.note(l) });
      ctx.out.result(
        { table: r.table, from: r.from, to: r.to, rows: r.rows, changed: r.changed, snapshot_id: r.snapshotId, seconds: r.seconds },
        () =>
          ctx.out.line(
            r.changed
              ? `${r.table}: ${r.rows} rows for ${r.from}..${r.to} committed as snapshot ${r.snapshotId} (${r.seconds.toFixed(1)} s, from ${r.source})`
              : `${r.table}: already up to date for ${r.from}..${r.to}, nothing committed (${r.rows} rows)`,
          ),
      );
    });
}
