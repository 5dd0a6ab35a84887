import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, creator, defineFeatureSet, sum } from '../../sdk/features/index.ts';
import { creatorEngagement, engagement } from './fixtures.ts';

describe('definitions are data', () => {
  it('are frozen plain objects with a kind', () => {
    expect(Object.isFrozen(creatorEngagement)).toBe(true);
    expect(Object.isFrozen(creatorEngagement.features[0]?.spec)).toBe(true);
    expect(creatorEngagement.kind).toBe('feature_set');
    expect(() => {
      (creatorEngagement as { name: string }).name = 'x';
    }).toThrow();
  });

  it('serialise to JSON and back to the same canonical form and hash', () => {
    const json = JSON.parse(JSON.stringify(creatorEngagement));
    expect(canonicalJson(json)).toBe(canonicalJson(creatorEngagement));
    const { hash, ...body } = json;
    expect(contentHash(body)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hash the same definition identically and a changed one differently', () => {
    const make = (version: number, col: 'likes' | 'comments') =>
      defineFeatureSet({ name: 'h', version, entity: creator, source: engagement, windows: ['7d'], features: { x: sum(col) } });
    expect(make(1, 'likes').hash).toBe(make(1, 'likes').hash);
    expect(make(2, 'likes').hash).not.toBe(make(1, 'likes').hash);
    expect(make(1, 'comments').hash).not.toBe(make(1, 'likes').hash);
  });

  it('sorts keys canonically and renders bigint and Date', () => {
    expect(canonicalJson({ b: 1, a: [2n, new Date(0)] })).toBe('{"a":["2","1970-01-01T00:00:00.000Z"],"b":1}');
  });

  it('names outputs deterministically, in definition order', () => {
    expect(creatorEngagement.outputs.slice(0, 5).map((o) => o.name)).toEqual([
      'likes_sum_1h',
      'likes_sum_1d',
      'likes_sum_7d',
      'likes_sum_lifetime',
      'posts_count_1h',
    ]);
    expect(creatorEngagement.outputs.at(-1)?.name).toBe('momentum');
  });
});
