import { describe, expect, it } from 'vitest';
import { planBatches } from '../../sdk/mlflow/chunk.ts';
import { type BatchLimits, MLFLOW_LIMITS } from '../../sdk/mlflow/limits.ts';
import { validateBatch } from '../../sdk/mlflow/validate.ts';

const RUN = '0123456789abcdef0123456789abcdef';
const metrics = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `m${i % 7}`, value: i / 3, step: i, timestamp: 1_700_000_000_000 + i }));
const params = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, `v${i}`]));
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, `w${i}`]));
const plan = (input: Parameters<typeof validateBatch>[0], limits?: BatchLimits) =>
  planBatches(RUN, validateBatch(input, { now: 0 }), limits);
const counts = (chunks: ReturnType<typeof plan>) => chunks.map((c) => [c.metrics.length, c.params.length, c.tags.length]);

describe('planBatches at MLflow limits', () => {
  it('fits exactly 1000 metrics in one request and splits the 1001st off', () => {
    expect(counts(plan({ metrics: metrics(1000) }))).toEqual([[1000, 0, 0]]);
    expect(counts(plan({ metrics: metrics(1001) }))).toEqual([
      [1000, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('fits exactly 100 params (and 100 tags) per request', () => {
    expect(counts(plan({ params: params(100) }))).toEqual([[0, 100, 0]]);
    expect(counts(plan({ params: params(101) }))).toEqual([
      [0, 100, 0],
      [0, 1, 0],
    ]);
    expect(counts(plan({ tags: tags(100) }))).toEqual([[0, 0, 100]]);
    expect(counts(plan({ tags: tags(201) }))).toEqual([
      [0, 0, 100],
      [0, 0, 100],
      [0, 0, 1],
    ]);
  });

  it('keeps params + tags + metrics at 1000 entities per request', () => {
    const chunks = plan({ metrics: metrics(1000), params: params(100), tags: tags(100) });
    expect(counts(chunks)).toEqual([
      [800, 100, 100],
      [200, 0, 0],
    ]);
  });

  it('lands 2,500 metrics and 250 params in three requests, each item once and in order', () => {
    const input = { metrics: metrics(2500), params: params(250) };
    const chunks = plan(input);
    expect(counts(chunks)).toEqual([
      [900, 100, 0],
      [900, 100, 0],
      [700, 50, 0],
    ]);
    expect(chunks.flatMap((c) => c.metrics).map((m) => m.step)).toEqual(input.metrics.map((m) => m.step));
    expect(chunks.flatMap((c) => c.params).map((p) => p.key)).toEqual(Object.keys(input.params));
    for (const c of chunks) {
      const body = JSON.parse(c.body) as { run_id: string; metrics: unknown[]; params: unknown[]; tags: unknown[] };
      expect(body.run_id).toBe(RUN);
      expect(body.metrics).toHaveLength(c.metrics.length);
      expect(body.params).toHaveLength(c.params.length);
    }
  });

  it('holds every request to 1 MB of JSON, counting UTF-8 bytes', () => {
    // 100 params of 6000 characters (≈600 kB) and 100 tags of 8000 two-byte characters (≈1.6 MB).
    const bigParams = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, 'x'.repeat(6000)]));
    const bigTags = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, 'é'.repeat(8000)]));
    const chunks = plan({ params: bigParams, tags: bigTags, metrics: metrics(10) });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.bytes).toBe(Buffer.byteLength(c.body, 'utf8'));
      expect(c.bytes).toBeLessThanOrEqual(MLFLOW_LIMITS.batchBytes);
    }
    expect(chunks.reduce((n, c) => n + c.tags.length, 0)).toBe(100);
    expect(chunks.reduce((n, c) => n + c.params.length, 0)).toBe(100);
    expect(chunks.reduce((n, c) => n + c.metrics.length, 0)).toBe(10);
    // Each request but the last is full: the next item would have pushed it over the limit.
    expect(chunks[0]?.params).toHaveLength(100);
    expect((chunks[0]?.bytes ?? 0) + 16_000).toBeGreaterThan(MLFLOW_LIMITS.batchBytes);
  });

  it('splits exactly at the byte limit: a body of N bytes fits a limit of N, not N − 1', () => {
    const input = { metrics: metrics(10) };
    const [whole] = plan(input);
    const size = whole?.bytes ?? 0;
    expect(counts(plan(input, { ...MLFLOW_LIMITS, batchBytes: size }))).toEqual([[10, 0, 0]]);
    const split = plan(input, { ...MLFLOW_LIMITS, batchBytes: size - 1 });
    expect(counts(split)).toEqual([
      [9, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('refuses an item larger than a whole request instead of looping', () => {
    expect(() => plan({ tags: { big: 'x'.repeat(500) } }, { ...MLFLOW_LIMITS, batchBytes: 200 })).toThrow(/request limit/);
  });

  it('writes NaN and ±Infinity as protobuf JSON names when they are allowed', () => {
    const valid = validateBatch(
      {
        metrics: [
          { key: 'a', value: Number.NaN },
          { key: 'b', value: Number.POSITIVE_INFINITY },
          { key: 'c', value: Number.NEGATIVE_INFINITY },
        ],
      },
      { now: 5, nonFinite: 'send' },
    );
    const body = JSON.parse(planBatches(RUN, valid)[0]?.body ?? '{}') as { metrics: { value: unknown }[] };
    expect(body.metrics.map((m) => m.value)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('sends nothing for an empty batch', () => {
    expect(plan({})).toEqual([]);
  });
});
