import { describe, expect, it } from 'vitest';
import { IssuesError } from '../../sdk/errors/index.ts';
import {
  col,
  count,
  countDistinct,
  creator,
  defineFeatureSet,
  defineSource,
  derive,
  feat,
  lit,
  mean,
  sum,
} from '../../sdk/features/index.ts';
import { engagement } from './fixtures.ts';

function issuesOf(f: () => unknown): { code: string; path: string; message: string }[] {
  try {
    f();
  } catch (e) {
    if (e instanceof IssuesError) return [...e.issues];
    throw e;
  }
  throw new Error('expected an IssuesError');
}

describe('feature set validation collects every problem and throws once', () => {
  it('reports unknown columns with a suggestion, bad windows, type mismatches and batch-only aggregates together', () => {
    const issues = issuesOf(() =>
      defineFeatureSet({
        name: 'bad_set',
        version: 1,
        entity: creator,
        source: engagement,
        windows: ['7d', '90x', '7m'] as never,
        features: {
          // biome-ignore lint/suspicious/noExplicitAny: the unknown column is the point of the test
          likes: sum('like' as any),
          platform_sum: sum('platform'),
          reach: countDistinct('post_id'),
          ratio: mean(col('likes').div(col('platform'))),
        },
      }),
    );
    const codes = issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'features.unknown_column',
        'features.bad_window',
        'features.aggregate_input',
        'features.not_incremental',
        'features.type_mismatch',
      ]),
    );
    const unknown = issues.find((i) => i.code === 'features.unknown_column');
    expect(unknown?.message).toContain("unknown column 'like' in source 'engagement' — did you mean 'likes'?");
    expect(unknown?.path).toBe('features.likes.args[0]');
    expect(issues.find((i) => i.code === 'features.aggregate_input')?.message).toMatch(/sum needs a number but the input is string/);
    expect(issues.find((i) => i.code === 'features.not_incremental')?.message).toMatch(/use approxDistinct/);
    const windows = issues.filter((i) => i.code === 'features.bad_window').map((i) => i.message);
    expect(windows[0]).toMatch(/bad window '90x'/);
    expect(windows[1]).toMatch(/'7m'.*use '5m' or '10m'/);
  });

  it("checks the version and derived features' references", () => {
    const issues = issuesOf(() =>
      defineFeatureSet({
        name: 'bad_derived',
        version: 0,
        entity: creator,
        source: engagement,
        windows: ['7d'],
        features: {
          likes: sum('likes'),
          per_post: derive(feat('likez').div(feat('posts'))),
          mixed: derive(col('likes').plus(lit(1)) as never),
        },
      }),
    );
    const byCode = Object.fromEntries(issues.map((i) => [i.code, i.message]));
    expect(byCode['features.bad_version']).toMatch(/positive integer/);
    const unknown = issues.filter((i) => i.code === 'features.unknown_feature').map((i) => i.message);
    expect(unknown).toEqual(expect.arrayContaining([expect.stringMatching(/unknown feature 'likez'.*did you mean 'likes'/)]));
    expect(byCode['features.column_in_derived']).toMatch(/use feat/);
  });

  it('requires an event key on bitemporal sources and timestamp time columns', () => {
    const issues = issuesOf(() =>
      defineSource({
        name: 'obs',
        table: 'kol_silver.obs',
        eventTime: 'posted',
        observedTime: 'observed_at',
        columns: { creator_id: 'string', posted: 'int64', observed_at: 'timestamp' },
      }),
    );
    expect(issues.map((i) => i.code).sort()).toEqual(['features.bitemporal_needs_event_key', 'features.type_mismatch']);
  });

  it('accepts batch-only aggregates when the set is not online', () => {
    const set = defineFeatureSet({
      name: 'batch_only',
      version: 1,
      entity: creator,
      source: engagement,
      windows: ['28d'],
      online: false,
      features: { posts: countDistinct('post_id'), n: count() },
    });
    expect(set.outputs.map((o) => o.name)).toEqual(['posts_count_distinct_28d', 'n_count_28d']);
  });
});
