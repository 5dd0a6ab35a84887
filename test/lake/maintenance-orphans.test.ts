import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { ensureTable, lakeTable, loadTableMetadata, parseTableName, removeOrphanFiles } from '../../sdk/lake/index.ts';

const NAME = parseTableName('kol_maint.events');
const DAY_MS = 86_400_000;
const BIN = join(import.meta.dirname, '..', '..', 'sdk', 'cli', 'bin.mjs');
const exec = promisify(execFile);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Sets a file's modification time `days` back, as if written then. */
const age = (path: string, days: number) => {
  const at = new Date(Date.now() - days * DAY_MS);
  utimesSync(path, at, at);
};

describe('orphan removal on the local lake', () => {
  let home: string;
  let lake: DuckDBLake;
  let root: string;
  const rows = async (snapshot?: string) =>
    lake.runner.rows(`SELECT id, v FROM lake.kol_maint.events${snapshot ? ` AT (VERSION => ${snapshot})` : ''} ORDER BY id`);

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-orphans-'));
    lake = await openDuckDB(resolveConfig({ profile: 'local', cwd: home }));
    await ensureTable(lake.runner, NAME, { columns: 'id BIGINT, v VARCHAR' });
    const t = await lakeTable(lake, 'kol_maint.events');
    for (const i of [0, 1, 2]) await t.append(`SELECT ${i} * 10 + r AS id, 'v' || r AS v FROM range(10) t(r)`);
    // A delete: files only the older snapshots use must survive, since those snapshots still read them.
    await lake.runner.run('DELETE FROM lake.kol_maint.events WHERE id < 5');
    root = fileURLToPath(String((await loadTableMetadata(lake.runner, NAME)).metadata.location));
  }, 120_000);

  afterAll(async () => {
    await lake?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('deletes unreferenced files older than the threshold, keeps every live file and every young one', async () => {
    const live = walk(root);
    // Every file the table has is made old: only references may keep them.
    for (const f of live) age(f, 30);
    const oldOrphan = join(root, 'data', 'crashed-writer.parquet');
    const oldMetadata = join(root, 'metadata', '99999-left-behind.metadata.json');
    const young = join(root, 'data', 'commit-in-progress.parquet');
    for (const f of [oldOrphan, oldMetadata, young]) writeFileSync(f, 'not referenced');
    age(oldOrphan, 10);
    age(oldMetadata, 10);
    const snapshots = await (await lakeTable(lake, 'kol_maint.events')).snapshots();
    const before = await rows();
    const beforeFirst = await rows(snapshots[0]?.snapshotId);

    const r = await removeOrphanFiles(lake, NAME, { olderThan: new Date(Date.now() - 3 * DAY_MS) });

    expect(r.deleted).toEqual([oldMetadata, oldOrphan].sort());
    expect(r.deletedFiles).toBe(2);
    expect(r.filesScanned).toBe(live.length + 3);
    expect(existsSync(young)).toBe(true);
    expect(live.filter((f) => !existsSync(f))).toEqual([]);
    expect(await rows()).toEqual(before);
    expect(await rows(snapshots[0]?.snapshotId)).toEqual(beforeFirst);
    expect(beforeFirst).toHaveLength(10);
  });

  it('keeps files younger than the default of 7 days', async () => {
    const orphan = join(root, 'data', 'yesterday.parquet');
    writeFileSync(orphan, 'not referenced');
    age(orphan, 1);
    const r = await removeOrphanFiles(lake, NAME);
    expect(r.deletedFiles).toBe(0);
    expect(statSync(orphan).isFile()).toBe(true);
    age(orphan, 8);
    expect((await removeOrphanFiles(lake, NAME)).deleted).toEqual([orphan]);
  });

  it('kol-sdk lake remove-orphans does the same on the local profile, and refuses a bad --older-than with exit 2', async () => {
    const orphan = join(root, 'data', 'from-the-cli.parquet');
    writeFileSync(orphan, 'not referenced');
    age(orphan, 4);
    const cli = (args: string[]) => exec(process.execPath, [BIN, 'lake', 'remove-orphans', 'kol_maint.events', ...args], { cwd: home });
    const { stdout } = await cli(['--older-than', '3d', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ table: 'kol_maint.events', deleted: [orphan], deletedFiles: 1 });
    expect(existsSync(orphan)).toBe(false);
    await expect(cli(['--older-than', 'soon'])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
