import type { Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AnyContract, compileValidator, deadLetterEnvelope, deadLetters, type Validator } from '../sdk/contracts/index.ts';
import type { DuckDBLake } from '../sdk/engines/index.ts';
import { currentSnapshotId, ensureTable, inOneCommit, type TableName } from '../sdk/lake/index.ts';
import {
  type LandedPrefix,
  linesFrom,
  prefixHash,
  prefixOfLines,
  recordedPrefix,
  SOURCE_FILES_COLUMNS,
  SOURCE_FILES_TABLE,
  sourceChangedError,
  verifyPrefix,
} from './bronze-files.ts';
import { columnsDdl, lakeTable } from './sql.ts';
import type { TableRun } from './types.ts';

/** Where every bronze row came from: a file and line, or a topic, partition and offset. */
export const SOURCE_COLUMNS =
  'source_file VARCHAR, source_line BIGINT, source_topic VARCHAR, source_partition INTEGER, source_offset BIGINT, ingested_at TIMESTAMPTZ';

/** A bronze table holds each record as received, its event day, and its source position. */
export const BRONZE_COLUMNS = `event_id VARCHAR, dt DATE, payload VARCHAR, ${SOURCE_COLUMNS}`;

export const DEAD_LETTER_TABLE = 'dead_letters';

/** The next line to land from `file`: one past the last line found in the table or its dead letters. */
async function landedUpTo(lake: DuckDBLake, namespace: string, table: string, file: string): Promise<number> {
  const [row] = await lake.runner.rows(
    `SELECT coalesce(max(l), 0) AS l FROM (
       SELECT max(source_line) AS l FROM ${lakeTable(namespace, table)} WHERE source_file = $file
       UNION ALL SELECT max(source_line) FROM ${lakeTable(namespace, DEAD_LETTER_TABLE)} WHERE source_file = $file AND contract = $contract)`,
    { file, contract: table },
  );
  return Number(row?.l ?? 0);
}

/**
 * Where this run starts in `file`: after the prefix recorded as landed, once the file is checked to still
 * start with it (an edited, truncated or rewritten file is refused); from the line count in the table for
 * tables landed before prefixes were recorded; from the start when rebuilding.
 */
async function startOf(
  lake: DuckDBLake,
  namespace: string,
  contract: string,
  file: string,
  rebuild: boolean,
): Promise<{ prefix: LandedPrefix; recorded: boolean; hash: Hash }> {
  if (rebuild) {
    const hash = await prefixHash(file, 0);
    return { prefix: { lines: 0, bytes: 0, sha256: hash.copy().digest('hex') }, recorded: false, hash };
  }
  const table = `${namespace}.${contract}`;
  const recorded = await recordedPrefix(lake, namespace, file, contract);
  if (recorded) return { prefix: recorded, recorded: true, hash: await verifyPrefix(file, table, recorded) };
  const after = await landedUpTo(lake, namespace, contract, file);
  const prefix = await prefixOfLines(file, after);
  if (prefix.lines < after) throw sourceChangedError(file, table, `has ${prefix.lines} lines, fewer than the ${after} already landed`);
  return { prefix, recorded: false, hash: await prefixHash(file, prefix.bytes) };
}

/**
 * Lands one generated file into `kol_bronze.<event type>` exactly once. Files only grow: the part landed
 * before (its line count, length and SHA-256, kept in `kol_bronze.source_files`) must be unchanged, and
 * the complete lines after it land in one commit with their dead letters and the new landed prefix. A
 * crash before the commit lands nothing; after it, the re-run starts past those lines. A file whose
 * landed part changed is refused, naming the file; `rebuild` replaces everything bronze landed from files
 * for this event type by the file's current lines, in one commit.
 */
export async function landFile(
  lake: DuckDBLake,
  contract: AnyContract,
  dir: string,
  namespace: string,
  options: { readonly rebuild?: boolean } = {},
): Promise<TableRun> {
  const started = performance.now();
  const file = resolve(join(dir, `${contract.name}.jsonl`));
  const t: TableName = { namespace, name: contract.name };
  await ensureTable(lake.runner, t, { columns: BRONZE_COLUMNS, partitionBy: 'dt' });
  await ensureTable(lake.runner, { namespace, name: DEAD_LETTER_TABLE }, { columns: `${columnsDdl(deadLetters)}, ${SOURCE_COLUMNS}` });
  await ensureTable(lake.runner, { namespace, name: SOURCE_FILES_TABLE }, { columns: SOURCE_FILES_COLUMNS });
  if (!existsSync(file)) {
    return {
      layer: 'bronze',
      table: `${namespace}.${contract.name}`,
      rowsIn: 0,
      rowsOut: 0,
      deadLettered: 0,
      changed: false,
      snapshotId: await currentSnapshotId(lake.runner, t),
      seconds: 0,
    };
  }
  const rebuild = options.rebuild === true;
  // `hash` covers the landed prefix and is fed every line read below: the new prefix's digest without re-reading.
  const { prefix: start, recorded, hash } = await startOf(lake, namespace, contract.name, file, rebuild);
  const validator = compileValidator(contract) as Validator<Record<string, unknown>>;
  const conn = lake.connection;
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE kol_bronze_stage (event_id VARCHAR, event_time VARCHAR, payload VARCHAR, source_line BIGINT)',
  );
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE kol_dead_stage (event_id VARCHAR, contract VARCHAR, contract_version VARCHAR, topic VARCHAR, detected_at VARCHAR, reasons VARCHAR, payload VARCHAR, source VARCHAR, original_event_id VARCHAR, source_line BIGINT)',
  );
  const good = await conn.createAppender('kol_bronze_stage', 'main', 'temp');
  const bad = await conn.createAppender('kol_dead_stage', 'main', 'temp');
  let rowsIn = 0;
  let landed = 0;
  let dead = 0;
  let end = { lines: start.lines, bytes: start.bytes };
  const detectedAt = new Date().toISOString();
  for await (const { text: line, number: lineNo, end: bytes } of linesFrom(file, start.bytes, start.lines + 1, hash)) {
    end = { lines: lineNo, bytes };
    if (line.trim() === '') continue;
    rowsIn++;
    let value: unknown;
    let problems: readonly { path: string; reason: string }[];
    try {
      value = JSON.parse(line);
      const v = validator(value);
      problems = v.ok ? [] : v.problems;
    } catch (error) {
      problems = [{ path: '', reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` }];
    }
    if (problems.length === 0) {
      const record = value as Record<string, unknown>;
      good.appendVarchar(String(record.event_id));
      good.appendVarchar(String(record[contract.eventTime]));
      good.appendVarchar(line);
      good.appendBigInt(BigInt(lineNo));
      good.endRow();
      landed++;
    } else {
      const env = deadLetterEnvelope({ contract, problems, payload: line, source: `${contract.name}.jsonl:${lineNo}`, detectedAt });
      for (const v of [
        env.event_id,
        env.contract,
        env.contract_version,
        env.topic,
        env.detected_at,
        JSON.stringify(env.reasons) ?? '[]',
        env.payload,
        env.source,
      ])
        bad.appendVarchar(v);
      if (typeof env.original_event_id === 'string') bad.appendVarchar(env.original_event_id);
      else bad.appendNull();
      bad.appendBigInt(BigInt(lineNo));
      bad.endRow();
      dead++;
    }
  }
  good.closeSync();
  bad.closeSync();
  const statements: string[] = [];
  const fileSql = `'${file.replaceAll("'", "''")}'`;
  const contractSql = `'${contract.name.replaceAll("'", "''")}'`;
  if (rebuild) {
    // Everything bronze landed from files for this event type goes, whatever path it was landed from.
    statements.push(
      `DELETE FROM ${lakeTable(namespace, contract.name)} WHERE source_file IS NOT NULL`,
      `DELETE FROM ${lakeTable(namespace, DEAD_LETTER_TABLE)} WHERE source_file IS NOT NULL AND contract = ${contractSql}`,
      `DELETE FROM ${lakeTable(namespace, SOURCE_FILES_TABLE)} WHERE contract = ${contractSql}`,
    );
  }
  if (landed > 0) {
    statements.push(
      `INSERT INTO ${lakeTable(namespace, contract.name)} SELECT event_id, CAST(CAST(event_time AS TIMESTAMPTZ) AS DATE), payload, ${fileSql}, source_line, NULL, NULL, NULL, now() FROM temp.main.kol_bronze_stage ORDER BY source_line`,
    );
  }
  if (dead > 0) {
    statements.push(
      `INSERT INTO ${lakeTable(namespace, DEAD_LETTER_TABLE)} SELECT event_id, contract, contract_version, topic, CAST(detected_at AS TIMESTAMPTZ), from_json(reasons, '["VARCHAR"]'), payload, source, original_event_id, ${fileSql}, source_line, NULL, NULL, NULL, now() FROM temp.main.kol_dead_stage ORDER BY source_line`,
    );
  }
  // The landed prefix moves with every commit; a table landed before prefixes were kept gets its first one.
  if (end.bytes !== start.bytes || !recorded) {
    const sha = hash.digest('hex');
    statements.push(
      `INSERT INTO ${lakeTable(namespace, SOURCE_FILES_TABLE)} VALUES (${fileSql}, ${contractSql}, ${end.lines}, ${end.bytes}, '${sha}', now())`,
    );
  }
  if (statements.length > 0) await inOneCommit(lake.runner, statements);
  await conn.run('DROP TABLE IF EXISTS temp.main.kol_bronze_stage');
  await conn.run('DROP TABLE IF EXISTS temp.main.kol_dead_stage');
  return {
    layer: 'bronze',
    table: `${namespace}.${contract.name}`,
    rowsIn,
    rowsOut: landed,
    deadLettered: dead,
    changed: landed > 0 || dead > 0 || rebuild,
    snapshotId: await currentSnapshotId(lake.runner, t),
    seconds: (performance.now() - started) / 1000,
  };
}
