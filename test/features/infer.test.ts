import { describe, expect, expectTypeOf, it } from 'vitest';
import { explain } from '../../sdk/compile/index.ts';
import { creator, defineFeatureSet, type InferFeatureRow, sum } from '../../sdk/features/index.ts';
import { type creatorCohorts, creatorEngagement, creatorFollowers, engagement } from './fixtures.ts';

/** Type-level checks run under `tsc --noEmit`; the runtime assertions keep vitest honest about the file. */
describe('InferFeatureRow', () => {
  it('types keys, as_of and every output from the definition', () => {
    type Row = InferFeatureRow<typeof creatorEngagement>;
    expectTypeOf<Row['creator_id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['as_of']>().toEqualTypeOf<Date>();
    expectTypeOf<Row['likes_sum_7d']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Row['score_sum_1d']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row['posts_count_lifetime']>().toEqualTypeOf<bigint>();
    expectTypeOf<Row['er_mean_1h']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row['likes_var_var_7d']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row['recent_last3_7d']>().toEqualTypeOf<bigint[] | null>();
    expectTypeOf<Row['post_ids_distinct_1d']>().toEqualTypeOf<bigint>();
    expectTypeOf<Row['likes_per_post_7d']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row['momentum']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row>().not.toHaveProperty('likes_sum_28d');
    type F = InferFeatureRow<typeof creatorFollowers>;
    expectTypeOf<F['platform_last_28d']>().toEqualTypeOf<string | null>();
    type C = InferFeatureRow<typeof creatorCohorts>;
    expectTypeOf<C['tier_lifetime']>().toEqualTypeOf<string | null>();
    expectTypeOf<C['er_pct_7d']>().toEqualTypeOf<number | null>();
    expect(creatorEngagement.outputs.some((o) => o.name === 'recent_last3_7d')).toBe(true);
  });
});

describe('column checks at the type level', () => {
  it('rejects a column the source lacks before anything runs, and validation names the fix', () => {
    expect(() =>
      defineFeatureSet({
        name: 'typo',
        version: 1,
        entity: creator,
        source: engagement,
        windows: ['7d'],
        features: {
          // @ts-expect-error 'likez' is not a column of engagement
          x: sum('likez'),
        },
      }),
    ).toThrow(/did you mean 'likes'/);
  });
});

describe('explain', () => {
  it('gives both dialects and the typed outputs', () => {
    const e = explain(creatorFollowers);
    expect(e.hash).toBe(creatorFollowers.hash);
    expect(e.sql.duckdb).toContain('epoch_ms("captured_at")');
    expect(e.sql.trino).toContain("date_diff('millisecond'");
    expect(e.outputs[0]).toEqual({ name: 'followers_last_1d', type: 'int64', window: '1d' });
  });
});
