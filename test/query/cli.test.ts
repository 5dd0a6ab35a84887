import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'sdk', 'cli', 'bin.mjs');

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, 'query', ...args], { cwd: root, env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kol-sdk query (DuckDB)', () => {
  it('--json gives columns, JSON-safe rows and the row count; --param binds :names', async () => {
    const r = await cli([
      "SELECT tier, count(*) AS n FROM read_json('data-samples/xs/creators.jsonl') WHERE tier = :tier GROUP BY tier",
      '--param',
      'tier=micro',
      '--json',
      '--no-lake',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      engine: string;
      columns: { name: string; type: string }[];
      rows: { tier: string; n: number }[];
      rowCount: number;
    };
    expect(out.engine).toBe('duckdb');
    expect(out.columns).toEqual([
      { name: 'tier', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
    ]);
    expect(out.rowCount).toBe(1);
    expect(out.rows[0]?.tier).toBe('micro');
    expect(out.rows[0]?.n).toBeGreaterThan(0);
  });

  it('--csv writes a header and one line per row', async () => {
    const r = await cli(['SELECT range AS i, range * 2 AS j FROM range(3)', '--csv', '--no-lake']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('i,j\r\n0,0\r\n1,2\r\n2,4\r\n');
  });

  it('a missing parameter is a usage error (exit 2) naming the fix', async () => {
    const r = await cli(['SELECT :since', '--no-lake']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add --param since=<value>');
  });

  it('a bad query exits 1 with the engine message and the position', async () => {
    const r = await cli(['SELECT 1\nFROM nope', '--no-lake']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope does not exist[\s\S]*at line 2, column 6/);
  });

  it('an unknown engine is a usage error', async () => {
    const r = await cli(['SELECT 1', '--engine', 'postgres']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown engine 'postgres'");
  });
});
