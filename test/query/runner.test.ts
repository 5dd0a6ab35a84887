import { afterAll, describe, expect, it } from 'vitest';
import { buildTrainingFrame } from '../../sdk/frame/index.ts';
import { closeDuckDB, sqlRunner } from '../../sdk/query/index.ts';
import { creatorFollowers } from '../features/fixtures.ts';

afterAll(async () => {
  await closeDuckDB();
});

describe('sqlRunner', () => {
  it('runs statements and queries on one DuckDB, so a training frame sees tables made before it', async () => {
    const runner = sqlRunner({ engine: 'duckdb', lake: 'none' });
    await runner.run(
      "CREATE OR REPLACE TABLE fol AS SELECT 'c1' AS creator_id, 100 + range AS followers, 10 AS following, 'instagram' AS platform, TIMESTAMP '2024-01-01' + INTERVAL (range) DAY AS captured_at FROM range(10)",
    );
    const frame = await buildTrainingFrame(
      {
        spine: { sql: "SELECT 'c1' AS creator_id, TIMESTAMP '2024-01-05 12:00:00' AS as_of" },
        features: [creatorFollowers],
        tables: { follower_snapshots: 'fol' },
      },
      runner,
    );
    expect(frame.rows).toHaveLength(1);
    // Snapshots of Jan 1..5 are known at noon on Jan 5; the last is 104 followers.
    expect(Number(frame.rows[0]?.followers_last_28d)).toBe(104);
    expect(Number(frame.rows[0]?.snapshots_count_28d)).toBe(5);
  });
});
