import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

/** `kol-sdk features …` as a user runs it, over the committed xs world. */
const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'sdk', 'cli', 'bin.mjs');
const xs = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const cwd = mkdtempSync(join(tmpdir(), 'kol-features-'));

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, KOL_EVENTS_DIR: xs },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kol-sdk features', () => {
  it('lists the library and describes a set with its typed outputs', async () => {
    const list = await cli(['features', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const names = (JSON.parse(list.stdout) as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['creator_followers', 'creator_trust_view', 'campaign_fit_view']));
    const described = JSON.parse((await cli(['features', 'describe', 'creator_followers', '--json'])).stdout) as {
      source: { topic: string };
      outputs: { name: string; type: string }[];
    };
    expect(described.source.topic).toBe('kol.follower_snapshots.v1');
    expect(described.outputs).toContainEqual(expect.objectContaining({ name: 'followers_last_7d', type: 'int64' }));
  }, 60_000);

  it('compiles to either dialect and refuses an unknown name with the known ones', async () => {
    const trino = await cli(['features', 'compile', 'creator_comments', '--dialect', 'trino']);
    expect(trino.stdout).toContain('dialect trino');
    const unknown = await cli(['features', 'compile', 'creator_comment']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('creator_comments');
  }, 60_000);

  it('writes a point-in-time frame for a spine file, carrying its extra columns', async () => {
    const spine = join(cwd, 'spine.csv');
    writeFileSync(
      spine,
      'creator_id,as_of,note\ncr-543ec8bb,2024-02-01 00:00:00,a\ncr-543ec8bb,2024-01-02 00:00:00,b\nnobody,2024-02-01 00:00:00,c\n',
    );
    const out = join(cwd, 'frame.parquet');
    const r = await cli(['features', 'frame', '--spine', spine, '--out', out, '--features', 'creator_followers', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3 });
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(`SELECT creator_id, note, followers_last_28d FROM read_parquet('${out}') ORDER BY note`)
    ).getRowObjectsJS();
    conn.closeSync();
    db.closeSync();
    expect(rows.map((x) => x.note)).toEqual(['a', 'b', 'c']);
    // The first snapshot of the world is taken at the end of Jan 1: known on Feb 1 and Jan 2, never for nobody.
    expect(rows[0]?.followers_last_28d).not.toBeNull();
    expect(rows[1]?.followers_last_28d).not.toBeNull();
    expect(rows[2]?.followers_last_28d).toBeNull();
  }, 120_000);
});
