import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The direction of imports from the design: `types ← contracts ← features ← compile ← (train, stream,
 * serve)`; `lake`, `engines`, `mlflow` know nothing of features; the CLI uses folders' public tables of
 * contents only. Checked on the real source tree, so a violating import fails CI.
 */
const sdk = join(import.meta.dirname, '..', 'sdk');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Edge {
  readonly from: string;
  readonly to: string;
}

function edges(): Edge[] {
  const re = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;
  return sourceFiles(sdk).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(re)].map((m) => ({
      from: relative(sdk, file),
      to: relative(sdk, resolve(dirname(file), (m[1] ?? m[2]) as string)),
    })),
  );
}

const top = (path: string): string => path.split('/')[0] ?? '';

/** Folders each folder may import from (besides itself); absent folders are unconstrained. */
const ALLOWED: Record<string, readonly string[]> = {
  util: [],
  errors: [],
  types: ['util', 'errors'],
  contracts: ['types', 'util', 'errors'],
  features: ['types', 'contracts', 'util', 'errors'],
  compile: ['features', 'types', 'contracts', 'util', 'errors'],
  config: ['util', 'errors'],
  lake: ['engines', 'config', 'types', 'contracts', 'util', 'errors'],
  engines: ['lake', 'config', 'types', 'util', 'errors'],
  mlflow: ['config', 'util', 'errors'],
  services: ['config', 'util', 'errors'],
};

describe('architecture', () => {
  const all = edges();

  it('finds the source tree', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it('keeps the direction of imports between layers', () => {
    const bad = all.filter((e) => {
      const a = top(e.from);
      const b = top(e.to);
      if (a === b || !(a in ALLOWED)) return false;
      return !(ALLOWED[a] as readonly string[]).includes(b);
    });
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('lets nothing but the CLI import the CLI', () => {
    const bad = all.filter((e) => top(e.to) === 'cli' && top(e.from) !== 'cli');
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('has the CLI use only the public table of contents (index.ts) of other folders', () => {
    const bad = all.filter((e) => top(e.from) === 'cli' && top(e.to) !== 'cli' && !e.to.endsWith('index.ts'));
    expect(bad.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('gives every folder of sdk/ an index.ts', () => {
    const folders = readdirSync(sdk).filter((n) => statSync(join(sdk, n)).isDirectory());
    expect(folders.filter((f) => !existsSync(join(sdk, f, 'index.ts')) && f !== 'cli')).toEqual([]);
  });
});
