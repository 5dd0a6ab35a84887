import { describe, expect, it } from 'vitest';
import { IssuesError } from '../../sdk/errors/index.ts';
import { checkAlias, checkExperimentName, checkModelName, keyProblem, validateBatch } from '../../sdk/mlflow/validate.ts';
import { parsePythonFloat, pythonFloatRepr } from '../../sdk/mlflow/values.ts';

function issuesOf(fn: () => unknown): IssuesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IssuesError) return error;
    throw error;
  }
  throw new Error('expected an IssuesError');
}

describe('validation before sending', () => {
  it('refuses NaN and ±Infinity metrics, naming the metric and its step', () => {
    const e = issuesOf(() =>
      validateBatch(
        {
          metrics: [
            { key: 'loss', value: 0.1, step: 1 },
            { key: 'loss', value: Number.NaN, step: 2 },
            { key: 'auc', value: Number.POSITIVE_INFINITY, step: 7 },
            { key: 'auc', value: Number.NEGATIVE_INFINITY, step: 8 },
          ],
        },
        { now: 0 },
      ),
    );
    expect(e.code).toBe('mlflow.invalid_input');
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([
      ['mlflow.non_finite_metric', 'metrics[1].value'],
      ['mlflow.non_finite_metric', 'metrics[2].value'],
      ['mlflow.non_finite_metric', 'metrics[3].value'],
    ]);
    expect(e.message).toContain("metric 'loss' at step 2 is NaN");
    expect(e.message).toContain("metric 'auc' at step 7 is Infinity");
    expect(e.message).toContain("nonFiniteMetrics: 'send'");
    expect(e.message).toContain('nothing in it was logged');
  });

  it("lets non-finite values through under nonFinite: 'send' (the Python client's behaviour)", () => {
    const b = validateBatch({ metrics: [{ key: 'loss', value: Number.NaN }] }, { now: 42, nonFinite: 'send' });
    expect(b.metrics[0]).toMatchObject({ key: 'loss', timestamp: 42, step: 0 });
    expect(Number.isNaN(b.metrics[0]?.value)).toBe(true);
  });

  it('refuses params over 6000 characters (counting code points as MLflow does) and tags over 8000', () => {
    expect(() => validateBatch({ params: { ok: 'x'.repeat(6000) } }, { now: 0 })).not.toThrow();
    expect(() => validateBatch({ params: { emoji: '😀'.repeat(6000) } }, { now: 0 })).not.toThrow();
    const e = issuesOf(() => validateBatch({ params: { long: 'x'.repeat(6001) }, tags: { note: 'y'.repeat(8001) } }, { now: 0 }));
    expect(e.issues.map((i) => i.code)).toEqual(['mlflow.param_too_long', 'mlflow.tag_too_long']);
    expect(e.message).toContain("param 'long' is 6001 characters; MLflow keeps at most 6000");
    expect(e.message).toContain('logText');
  });

  it('refuses keys MLflow refuses: bad characters, non-normal paths, over 250 characters', () => {
    for (const bad of ['a b!', 'x$', '', '/a', 'a/', 'a//b', './a', 'a/./b', 'a/../b', '..a', 'k'.repeat(251)]) {
      expect(keyProblem(bad), bad).toBeDefined();
    }
    for (const good of ['loss', 'val/auc', 'er 7d', 'a.b-c_d:e', 'ünïcödé', 'k'.repeat(250)]) {
      expect(keyProblem(good), good).toBeUndefined();
    }
    const e = issuesOf(() => validateBatch({ metrics: [{ key: 'bad key!', value: 1 }], params: { '../up': 'x' } }, { now: 0 }));
    expect(e.issues.map((i) => i.path)).toEqual(['metrics[0].key', 'params[0].key']);
    expect(e.message).toContain('keys may contain only letters, digits');
  });

  it('drops repeated identical params and refuses conflicting ones (params are immutable)', () => {
    expect(
      validateBatch(
        {
          params: [
            { key: 'd', value: 6 },
            { key: 'd', value: '6' },
          ],
        },
        { now: 0 },
      ).params,
    ).toEqual([{ key: 'd', value: '6' }]);
    const e = issuesOf(() =>
      validateBatch(
        {
          params: [
            { key: 'd', value: 6 },
            { key: 'd', value: 7 },
          ],
        },
        { now: 0 },
      ),
    );
    expect(e.issues[0]?.code).toBe('mlflow.param_conflict');
  });

  it('refuses non-integer steps and negative timestamps', () => {
    const e = issuesOf(() =>
      validateBatch(
        {
          metrics: [
            { key: 'a', value: 1, step: 1.5 },
            { key: 'b', value: 1, timestamp: -1 },
          ],
        },
        { now: 0 },
      ),
    );
    expect(e.issues.map((i) => i.path)).toEqual(['metrics[0].step', 'metrics[1].timestamp']);
  });

  it('requires the KOL_ prefix on experiment names and names the fix', () => {
    expect(() => checkExperimentName('KOL_trust', 'KOL_')).not.toThrow();
    const e = issuesOf(() => checkExperimentName('trust', 'KOL_'));
    expect(e.message).toContain("must start with 'KOL_'");
    expect(e.message).toContain("use 'KOL_trust'");
  });

  it('refuses reserved or malformed aliases and model names with path characters', () => {
    expect(() => checkAlias('champion')).not.toThrow();
    expect(() => checkAlias('challenger')).not.toThrow();
    expect(issuesOf(() => checkAlias('latest')).message).toContain('reserved');
    expect(issuesOf(() => checkAlias('v3')).message).toContain('reserved');
    expect(issuesOf(() => checkAlias('has space')).message).toContain('only letters');
    expect(issuesOf(() => checkModelName('a/b')).message).toContain("'/'");
  });
});

describe("Python's float formatting (file store metric lines)", () => {
  it('matches repr(float) for the cases that differ from JavaScript', () => {
    const cases: [number, string][] = [
      [3, '3.0'],
      [0.5, '0.5'],
      [-0, '-0.0'],
      [1e-20, '1e-20'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [1e15, '1000000000000000.0'],
      [1e16, '1e+16'],
      [1.5e300, '1.5e+300'],
      [123456.789, '123456.789'],
      [Number.NaN, 'nan'],
      [Number.POSITIVE_INFINITY, 'inf'],
      [Number.NEGATIVE_INFINITY, '-inf'],
      [0.1 + 0.2, '0.30000000000000004'],
      [Number.MAX_VALUE, '1.7976931348623157e+308'],
      [5e-324, '5e-324'],
    ];
    for (const [value, text] of cases) {
      expect(pythonFloatRepr(value), String(value)).toBe(text);
      const back = parsePythonFloat(text);
      expect(Number.isNaN(value) ? Number.isNaN(back) : Object.is(back, value)).toBe(true);
    }
  });
});
