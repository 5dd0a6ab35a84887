import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const HEAVY = /^(@tensorflow\/|kafkajs|@aws-sdk\/|@duckdb\/|trino-client|redis|pg|danfojs|apache-arrow|better-sqlite3)/;

/**
 * Every package reachable through static imports from `entry` (type-only imports and dynamic `import()`
 * excluded: they load nothing at import time). Static analysis, so the answer does not depend on what
 * other tests happened to load.
 */
function staticPackages(entry: string): { packages: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (const m of text.matchAll(re)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(join(root, entry));
  return { packages, files };
}

describe('the light entry point', () => {
  it('reaches no engine client (tfjs, Kafka, AWS SDK, DuckDB, Trino, Redis, PostgreSQL) through static imports', () => {
    const { packages, files } = staticPackages('sdk/index.ts');
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((p) => HEAVY.test(p))).toEqual([]);
  });

  it('the analysis does see a heavy import where there is one', () => {
    const { packages } = staticPackages('sdk/doctor/checks/local.ts');
    // local.ts imports DuckDB dynamically only; the CLI's output module imports cli-progress statically
    expect([...packages].some((p) => HEAVY.test(p))).toBe(false);
    expect(staticPackages('sdk/cli/output.ts').packages.has('cli-progress')).toBe(true);
  });

  it('exports the documented names', async () => {
    const m = await import('../sdk/index.ts');
    expect(Object.keys(m)).toEqual(
      expect.arrayContaining([
        'resolveConfig',
        'redactConfig',
        'IssuesError',
        'RemoteError',
        'defineFeatureSet',
        'defineSource',
        'sum',
        'col',
      ]),
    );
  });
});
