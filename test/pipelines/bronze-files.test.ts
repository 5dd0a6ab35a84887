import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landFile } from '../../pipelines/bronze.ts';
import { type FileLine, linesFrom } from '../../pipelines/bronze-files.ts';
import { runPipeline } from '../../pipelines/index.ts';
import { type KolConfig, resolveConfig } from '../../sdk/config/index.ts';
import { EVENT_CONTRACTS } from '../../sdk/contracts/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { LakeError, lakeTable, loadTableMetadata, parseTableName } from '../../sdk/lake/index.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data-samples', 'xs');
const BIN = join(import.meta.dirname, '..', '..', 'sdk', 'cli', 'bin.mjs');
const brands = EVENT_CONTRACTS.find((c) => c.name === 'brands');
if (brands === undefined) throw new Error('no brands contract');
const BRONZE = 'kol_bronze';

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').slice(0, -1);

describe('linesFrom', () => {
  it('yields complete lines with their numbers and end offsets, CRLF or LF, from any line boundary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kol-lines-'));
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, 'a\r\nbé\n\nc');
    const all: FileLine[] = [];
    for await (const line of linesFrom(path, 0, 1)) all.push(line);
    expect(all).toEqual([
      { text: 'a', number: 1, end: 3 },
      { text: 'bé', number: 2, end: 7 },
      { text: '', number: 3, end: 8 },
    ]);
    const rest: FileLine[] = [];
    for await (const line of linesFrom(path, 3, 2)) rest.push(line);
    expect(rest).toEqual(all.slice(1));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('bronze from files: files only grow, and a changed landed line is refused', () => {
  let home: string;
  let events: string;
  let file: string;
  let config: KolConfig;
  let lake: DuckDBLake;

  const land = (rebuild = false) => landFile(lake, brands, events, BRONZE, { rebuild });
  const payloads = async (): Promise<{ line: number; payload: string }[]> =>
    (await lake.runner.rows(`SELECT source_line AS line, payload FROM lake.${BRONZE}.brands ORDER BY source_line`)).map((r) => ({
      line: Number(r.line),
      payload: String(r.payload),
    }));
  const snapshots = async () => ({
    brands: (await (await lakeTable(lake, `${BRONZE}.brands`)).describe()).currentSnapshotId,
    state: (await (await lakeTable(lake, `${BRONZE}.source_files`)).describe()).currentSnapshotId,
  });
  const expected = () => lines(file).map((payload, i) => ({ line: i + 1, payload }));
  const refused = async (): Promise<LakeError> => {
    try {
      await land();
    } catch (error) {
      expect(error).toBeInstanceOf(LakeError);
      return error as LakeError;
    }
    throw new Error('the changed file was landed');
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-bronze-files-'));
    events = join(home, 'events');
    mkdirSync(events);
    file = join(events, 'brands.jsonl');
    copyFileSync(join(SAMPLE, 'brands.jsonl'), file);
    config = resolveConfig({ profile: 'local', cwd: home });
    lake = await openDuckDB(config);
    await lake.runner.run("SET TimeZone = 'UTC'");
  }, 120_000);

  afterAll(async () => {
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lands every line once and records the landed prefix in the same commit', async () => {
    const run = await land();
    expect({ in: run.rowsIn, out: run.rowsOut, changed: run.changed }).toEqual({
      in: expected().length,
      out: expected().length,
      changed: true,
    });
    expect(await payloads()).toEqual(expected());
    const [state] = await lake.runner.rows(`SELECT source_file, contract, lines, bytes FROM lake.${BRONZE}.source_files`);
    expect({ ...state, lines: Number(state?.lines), bytes: Number(state?.bytes) }).toEqual({
      source_file: file,
      contract: 'brands',
      lines: expected().length,
      bytes: readFileSync(file).length,
    });
    const again = await land();
    expect({ in: again.rowsIn, changed: again.changed, snapshot: again.snapshotId }).toEqual({
      in: 0,
      changed: false,
      snapshot: run.snapshotId,
    });
  }, 120_000);

  it('lands only appended lines, and not a last line whose newline is not written yet', async () => {
    const last = JSON.parse(lines(file).at(-1) as string) as Record<string, unknown>;
    const added = [1, 2].map((i) => JSON.stringify({ ...last, event_id: `br-appended-${i}` }));
    const partial = JSON.stringify({ ...last, event_id: 'br-appended-3' });
    appendFileSync(file, `${added.join('\n')}\n${partial.slice(0, 20)}`);
    const run = await land();
    expect({ in: run.rowsIn, out: run.rowsOut }).toEqual({ in: 2, out: 2 });
    appendFileSync(file, `${partial.slice(20)}\n`);
    const rest = await land();
    expect({ in: rest.rowsIn, out: rest.rowsOut }).toEqual({ in: 1, out: 1 });
    expect(await payloads()).toEqual(expected());
  }, 120_000);

  it('refuses a file whose landed line was edited, naming the file and the fix, and changes nothing', async () => {
    const before = { rows: await payloads(), snapshots: await snapshots() };
    const original = readFileSync(file, 'utf8');
    const edited = lines(file);
    // Same length: only the hash of the landed part can tell.
    edited[2] = (edited[2] as string).replace(/"event_id":"([^"]*)"/, (_, id: string) => `"event_id":"${'x'.repeat(id.length)}"`);
    writeFileSync(file, `${edited.join('\n')}\n`);
    expect(readFileSync(file).length).toBe(Buffer.byteLength(original));
    const e = await refused();
    expect({ code: e.code, table: e.table, file: e.file }).toEqual({ code: 'lake.source_changed', table: `${BRONZE}.brands`, file });
    expect(e.message).toContain(`${file} no longer starts with the ${before.rows.length} lines`);
    expect(e.fix).toContain('kol-sdk pipeline run bronze --rebuild');
    // A file cut short is refused too.
    writeFileSync(file, `${lines(file).slice(0, 5).join('\n')}\n`);
    expect((await refused()).message).toContain(`${file} is now`);
    expect({ rows: await payloads(), snapshots: await snapshots() }).toEqual(before);
    writeFileSync(file, original);
  }, 120_000);

  it('--rebuild replaces what was landed by the file as it is now, exactly once, in one commit per table', async () => {
    const edited = lines(file);
    edited[2] = (edited[2] as string).replace(/"event_id":"[^"]*"/, '"event_id":"br-edited"');
    edited.splice(5, 1);
    writeFileSync(file, `${edited.join('\n')}\n`);
    await refused();
    const metadataLog = async () =>
      ((await loadTableMetadata(lake.runner, parseTableName(`${BRONZE}.brands`))).metadata['metadata-log'] as unknown[]).length;
    const before = { snapshots: await snapshots(), metadataLog: await metadataLog() };
    const run = await land(true);
    expect({ in: run.rowsIn, out: run.rowsOut, changed: run.changed }).toEqual({ in: edited.length, out: edited.length, changed: true });
    expect(await payloads()).toEqual(expected());
    // One catalog commit: the delete and the insert arrive in one new metadata file.
    expect(await metadataLog()).toBe(before.metadataLog + 1);
    expect(await lake.runner.rows(`SELECT count(*)::INTEGER AS n FROM lake.${BRONZE}.brands WHERE event_id = 'br-edited'`)).toEqual([
      { n: 1 },
    ]);
    const again = await land();
    expect({ in: again.rowsIn, changed: again.changed }).toEqual({ in: 0, changed: false });
  }, 120_000);

  it('a table landed before prefixes were kept starts its prefix from its line count, and then refuses edits', async () => {
    await lake.runner.run(`DELETE FROM lake.${BRONZE}.source_files`);
    const run = await land();
    expect({ in: run.rowsIn, changed: run.changed }).toEqual({ in: 0, changed: false });
    expect(await lake.runner.rows(`SELECT lines::INTEGER AS n FROM lake.${BRONZE}.source_files`)).toEqual([{ n: lines(file).length }]);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('"br-edited"', '"br-edited-twice"'));
    expect((await refused()).code).toBe('lake.source_changed');
    writeFileSync(file, original);
  }, 120_000);

  it('silver over a bronze table with a missing data file fails naming the file, the table and the fix', async () => {
    const files = await (await lakeTable(lake, `${BRONZE}.brands`)).files();
    const data = files.find((f) => f.content === 'DATA')?.path as string;
    const keep = readFileSync(fileURLToPath(data));
    unlinkSync(fileURLToPath(data));
    await lake.close();
    lake = await openDuckDB(config);
    // The other event types have no file here: landing them makes their (empty) bronze tables for silver.
    for (const c of EVENT_CONTRACTS) if (c.name !== 'brands') await landFile(lake, c, events, BRONZE);
    try {
      await expect(runPipeline(lake, { stage: 'silver', eventsDir: events, namespaces: config.lake.namespaces })).rejects.toMatchObject({
        code: 'lake.file_missing',
        table: `${BRONZE}.brands`,
        file: data,
        fileKind: 'data file',
      });
    } finally {
      writeFileSync(fileURLToPath(data), keep);
    }
  }, 120_000);

  it('kol-sdk pipeline run bronze refuses an edited file (exit 1, the file named) and --rebuild lands it', async () => {
    await lake.close();
    const cli = async (args: string[]) => {
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KOL_')));
      try {
        const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'pipeline', 'run', 'bronze', '--events', events, ...args], {
          cwd: home,
          env: { ...env, KOL_PROFILE: 'local' },
        });
        return { code: 0, stdout, stderr: '' };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    writeFileSync(file, readFileSync(file, 'utf8').replace('"br-edited"', '"br-edited-cli"'));
    const no = await cli(['--json']);
    expect({ code: no.code, named: no.stderr.includes(`${file} no longer starts with`), fix: no.stderr.includes('--rebuild') }).toEqual({
      code: 1,
      named: true,
      fix: true,
    });
    const yes = await cli(['--rebuild', '--json']);
    expect(yes.code).toBe(0);
    const summary = JSON.parse(yes.stdout) as { tables: { table: string; rowsOut: number }[] };
    expect(summary.tables.find((t) => t.table === `${BRONZE}.brands`)?.rowsOut).toBe(lines(file).length);
    lake = await openDuckDB(config);
    expect(await payloads()).toEqual(expected());
  }, 300_000);
});
