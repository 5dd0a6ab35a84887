import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { expandLakeNames, lakeTable } from '../../sdk/query/index.ts';

const config = resolveConfig({ profile: 'cluster', cwd: '/nonexistent-kol-project', env: {}, allowMissingSecrets: true });

describe('lake table names', () => {
  it('one SQL text names the same gold table in both engines: same namespace and table, each engine’s catalog', () => {
    const text = 'SELECT count(*) FROM {{gold.creator_daily_kpis}} JOIN {{ silver.posts }} USING (creator_id)';
    expect(expandLakeNames(text, 'trino', config)).toBe(
      `SELECT count(*) FROM ${config.trino.catalog}.kol_gold.creator_daily_kpis JOIN ${config.trino.catalog}.kol_silver.posts USING (creator_id)`,
    );
    expect(expandLakeNames(text, 'duckdb', config)).toBe(
      'SELECT count(*) FROM lake.kol_gold.creator_daily_kpis JOIN lake.kol_silver.posts USING (creator_id)',
    );
  });

  it('on the local profile a lake table has one name from both engines: Trino reads the warehouse as its lake catalog', () => {
    const local = resolveConfig({ profile: 'local', cwd: '/nonexistent-kol-project', env: {}, allowMissingSecrets: true });
    expect(local.trino.catalog).toBe('lake');
    expect(config.trino.catalog).toBe('iceberg');
    const text = 'SELECT * FROM {{gold.creator_daily_kpis}}';
    expect(expandLakeNames(text, 'trino', local)).toBe('SELECT * FROM lake.kol_gold.creator_daily_kpis');
    expect(expandLakeNames(text, 'trino', local)).toBe(expandLakeNames(text, 'duckdb', local));
  });

  it('quotes names that are not plain identifiers and refuses unknown layers', () => {
    expect(lakeTable('duckdb', 'gold', 'Weird Name', config)).toBe('lake.kol_gold."Weird Name"');
    expect(() => expandLakeNames('SELECT * FROM {{platinum.x}}', 'duckdb', config)).toThrow(
      /unknown lake layer 'platinum'.*bronze, silver, gold/,
    );
  });
});
