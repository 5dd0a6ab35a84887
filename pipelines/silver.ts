import type { AnyContract } from '../sdk/contracts/index.ts';
import type { DuckDBLake } from '../sdk/engines/index.ts';
import { identifier } from '../sdk/engines/index.ts';
import { currentSnapshotId, ensureTable, replaceWhere } from '../sdk/lake/index.ts';
import { columnsDdl, dayPredicate, jsonStructure, lakeTable, typedSelect } from './sql.ts';
import type { DayRange, TableRun } from './types.ts';

/**
 * The silver query of a contract: bronze payloads of the range's days parsed into the contract's types,
 * one row per event id, the latest observation winning (the bitemporal time when there is one, then the
 * later landing). The result has exactly the contract's columns, in its order.
 */
export function silverQuery(contract: AnyContract, bronzeNamespace: string, range: DayRange): string {
  const latest = [
    ...(contract.observedTime ? [`${identifier(contract.observedTime)} DESC NULLS LAST`] : []),
    'kol_ingested_at DESC',
    'kol_position DESC',
  ].join(', ');
  return `SELECT ${Object.keys(contract.columns).map(identifier).join(', ')} FROM (
      SELECT ${typedSelect(contract, 'r')}, ingested_at AS kol_ingested_at, coalesce(source_offset, source_line) AS kol_position
      FROM (SELECT json_transform(payload, '${jsonStructure(contract).replaceAll("'", "''")}') AS r, ingested_at, source_offset, source_line
            FROM ${lakeTable(bronzeNamespace, contract.name)} WHERE ${dayPredicate('dt', range)})
    ) QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY ${latest}) = 1
    ORDER BY ${identifier(contract.eventTime)}, event_id`;
}

/** The UTC day of the contract's event time, the unit silver is partitioned and backfilled by. */
export function silverDay(contract: AnyContract): string {
  return `CAST(${identifier(contract.eventTime)} AS DATE)`;
}

/**
 * Rebuilds `kol_silver.<event type>` for the range's days from bronze, in one commit, or leaves it as it is
 * when it already holds exactly that.
 */
export async function buildSilver(
  lake: DuckDBLake,
  contract: AnyContract,
  namespaces: { bronze: string; silver: string },
  range: DayRange,
): Promise<TableRun> {
  const started = performance.now();
  const t = { namespace: namespaces.silver, name: contract.name };
  await ensureTable(lake.runner, t, { columns: columnsDdl(contract), partitionBy: `day(${identifier(contract.eventTime)})` });
  const [inRow] = await lake.runner.rows(
    `SELECT count(*) AS n FROM ${lakeTable(namespaces.bronze, contract.name)} WHERE ${dayPredicate('dt', range)}`,
  );
  const r = await replaceWhere(lake.runner, t, dayPredicate(silverDay(contract), range), silverQuery(contract, namespaces.bronze, range));
  return {
    layer: 'silver',
    table: `${t.namespace}.${t.name}`,
    rowsIn: Number(inRow?.n ?? 0),
    rowsOut: r.changed ? r.rows : 0,
    deadLettered: 0,
    changed: r.changed,
    snapshotId: await currentSnapshotId(lake.runner, t),
    seconds: (performance.now() - started) / 1000,
  };
}
