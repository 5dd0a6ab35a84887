import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KolConfig, resolveConfig } from '../../sdk/config/index.ts';
import { type DuckDBLake, openDuckDB } from '../../sdk/engines/index.ts';
import { RemoteError } from '../../sdk/errors/index.ts';
import {
  type CatalogServer,
  diagnoseTable,
  ensureTable,
  explainLakeError,
  LakeError,
  lakeTable,
  parseTableName,
  readingLake,
  startEmbeddedCatalog,
} from '../../sdk/lake/index.ts';

const TABLE = 'kol_test.events';
const BIN = join(import.meta.dirname, '..', '..', 'sdk', 'cli', 'bin.mjs');
type Kind = 'table metadata JSON' | 'manifest list' | 'manifest' | 'data file' | 'delete file';
const BREAKS = {
  missing: (path: string) => unlinkSync(path),
  truncated: (path: string) => writeFileSync(path, readFileSync(path).subarray(0, Math.floor(readFileSync(path).length / 2))),
  garbled: (path: string) => writeFileSync(path, Buffer.from('not an iceberg file '.repeat(8))),
} as const;

/** What a failed read must say: the code, the file, its kind, the table and a fix naming commands that exist. */
function expectFileError(error: unknown, kind: Kind, file: string, broken: keyof typeof BREAKS): void {
  expect(error).toBeInstanceOf(LakeError);
  const e = error as LakeError;
  expect({ code: e.code, kind: e.fileKind, file: e.file, table: e.table }).toEqual({
    code: broken === 'missing' ? 'lake.file_missing' : 'lake.file_corrupt',
    kind,
    file,
    table: TABLE,
  });
  expect(e.message).toContain(file);
  expect(e.message).toContain(TABLE);
  expect(e.fix).toContain(`kol-sdk lake history ${TABLE}`);
  expect(e.fix).toContain('kol-sdk pipeline run silver --from DAY --to DAY');
}

const caught = async (read: () => Promise<unknown>): Promise<unknown> => {
  try {
    await read();
  } catch (error) {
    return error;
  }
  throw new Error('the read succeeded over a broken file');
};

describe('a missing or corrupt file of a lake table', () => {
  let home: string;
  let config: KolConfig;
  let files: Record<Kind, string>;
  let before: { rows: Record<string, unknown>[]; metadata: string; snapshot: string | null };

  const open = () => openDuckDB(config);
  const withLake = async <T>(fn: (lake: DuckDBLake) => Promise<T>): Promise<T> => {
    // A fresh DuckDB each time: the engine caches files it has read, and a broken file must be read anew.
    const lake = await open();
    try {
      return await fn(lake);
    } finally {
      await lake.close();
    }
  };
  const state = () =>
    withLake(async (lake) => {
      const t = await lakeTable(lake, TABLE);
      const info = await t.describe();
      return { rows: await t.rows({ where: 'true ORDER BY id' }), metadata: info.metadataLocation, snapshot: info.currentSnapshotId };
    });

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-diagnose-'));
    config = resolveConfig({ profile: 'local', cwd: home });
    await withLake(async (lake) => {
      await ensureTable(lake.runner, parseTableName(TABLE), { columns: 'id VARCHAR, part VARCHAR, v BIGINT', partitionBy: 'part' });
      const t = await lakeTable(lake, TABLE);
      await t.append("SELECT 'e' || i, 'p' || (i % 2), i FROM range(20) r(i)");
      // A position delete file in partition p1.
      await lake.runner.run(`DELETE FROM ${t.sql} WHERE v = 3`);
      const info = await t.describe();
      const manifestList = info.snapshots.at(-1)?.manifestList as string;
      const manifests = await lake.runner.rows('SELECT manifest_path AS p FROM read_avro(?)', [manifestList]);
      const live = await t.files();
      files = {
        'table metadata JSON': info.metadataLocation,
        'manifest list': manifestList,
        manifest: String(manifests[0]?.p),
        'data file': live.find((f) => f.content === 'DATA' && f.path.includes('part=p1'))?.path as string,
        'delete file': live.find((f) => f.content !== 'DATA')?.path as string,
      };
    });
    expect(Object.values(files).every((f) => typeof f === 'string' && f.length > 0)).toBe(true);
    before = await state();
    expect(before.rows).toHaveLength(19);
  }, 300_000);

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const kinds: Kind[] = ['table metadata JSON', 'manifest list', 'manifest', 'data file', 'delete file'];
  for (const kind of kinds) {
    for (const broken of Object.keys(BREAKS) as (keyof typeof BREAKS)[]) {
      it(`names the ${kind} and the table when it is ${broken}, on every read, and changes nothing`, async () => {
        const file = files[kind];
        const path = fileURLToPath(file);
        const keep = readFileSync(path);
        BREAKS[broken](path);
        try {
          await withLake(async (lake) => {
            const t = await lakeTable(lake, TABLE);
            expectFileError(await caught(() => t.rows()), kind, file, broken);
            expectFileError(await caught(() => t.arrow({ columns: ['v'] })), kind, file, broken);
            expectFileError(
              await caught(() => readingLake(lake, [TABLE], () => lake.runner.rows(`SELECT sum(v) AS s FROM ${t.sql}`))),
              kind,
              file,
              broken,
            );
            if (kind === 'table metadata JSON') expectFileError(await caught(() => t.describe()), kind, file, broken);
            if (kind !== 'data file' && kind !== 'delete file') expectFileError(await caught(() => t.files()), kind, file, broken);
            expect((await diagnoseTable(lake, TABLE)).map((p) => [p.kind, p.file, p.problem])).toEqual([
              [kind, file, broken === 'missing' ? 'missing' : 'corrupt'],
            ]);
          });
        } finally {
          writeFileSync(path, keep);
        }
        expect(await state()).toEqual(before);
      }, 120_000);
    }
  }

  it('a time-travel read checks the snapshot it reads: a broken older manifest list fails it, not a current read', async () => {
    await withLake(async (lake) => {
      const t = await lakeTable(lake, TABLE);
      const [first] = await t.snapshots();
      const old = first?.manifestList as string;
      const path = fileURLToPath(old);
      const keep = readFileSync(path);
      unlinkSync(path);
      try {
        expect(await t.rows({ where: 'true ORDER BY id' })).toEqual(before.rows);
        const e = await caught(() => t.rows({ snapshotId: first?.snapshotId as string }));
        expect({ code: (e as LakeError).code, kind: (e as LakeError).fileKind, file: (e as LakeError).file }).toEqual({
          code: 'lake.file_missing',
          kind: 'manifest list',
          file: old,
        });
      } finally {
        writeFileSync(path, keep);
      }
    });
  }, 120_000);

  it('explains a failed raw query without being told the table: the file named in the error leads to it', async () => {
    const file = files['data file'];
    const path = fileURLToPath(file);
    const keep = readFileSync(path);
    unlinkSync(path);
    try {
      await withLake(async (lake) => {
        // A second table, so that the table is found among several.
        await ensureTable(lake.runner, parseTableName('kol_test.other'), { columns: 'id VARCHAR' });
        const failure = await caught(() => lake.runner.rows(`SELECT sum(v) FROM lake.kol_test.events`));
        expect(failure).not.toBeInstanceOf(LakeError);
        expectFileError(await explainLakeError(lake, failure), 'data file', file, 'missing');
        const unrelated = await caught(() => lake.runner.rows('SELECT no_such_column FROM lake.kol_test.events'));
        expect(await explainLakeError(lake, unrelated)).toBe(unrelated);
      });
    } finally {
      writeFileSync(path, keep);
    }
  }, 120_000);

  it('kol-sdk lake describe and history exit 1 naming the broken file, its kind and the table', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KOL_')));
    const cli = async (args: string[]) => {
      try {
        await promisify(execFile)(process.execPath, [BIN, 'lake', ...args], { cwd: home, env: { ...env, KOL_PROFILE: 'local' } });
        return { code: 0, stderr: '' };
      } catch (error) {
        const e = error as { code: number; stderr: string };
        return { code: e.code, stderr: e.stderr };
      }
    };
    for (const [kind, command] of [
      ['manifest list', 'describe'],
      ['table metadata JSON', 'history'],
    ] as const) {
      const path = fileURLToPath(files[kind]);
      const keep = readFileSync(path);
      unlinkSync(path);
      try {
        const r = await cli([command, TABLE]);
        expect({ code: r.code, line: r.stderr.split(' — ')[0] }).toEqual({
          code: 1,
          line: `kol-sdk: table ${TABLE}: its ${kind} ${files[kind]} is missing`,
        });
        expect(r.stderr).toContain(`kol-sdk lake history ${TABLE}`);
      } finally {
        writeFileSync(path, keep);
      }
    }
  }, 120_000);

  it('the catalog answers a broken metadata file with an Iceberg REST error naming the table and the file', async () => {
    const path = fileURLToPath(files['table metadata JSON']);
    const keep = readFileSync(path);
    try {
      await withLake(async (lake) => {
        const url = `${lake.catalogUri}/v1/namespaces/kol_test/tables/events`;
        for (const broken of ['missing', 'garbled'] as const) {
          BREAKS[broken](path);
          const res = await fetch(url);
          const body = (await res.json()) as { error: { type: string; code: number; message: string } };
          expect({ status: res.status, type: body.error.type, code: body.error.code }).toEqual({
            status: 500,
            type: 'ServerErrorException',
            code: 500,
          });
          const m = body.error.message;
          expect(m.startsWith(`Table metadata of kol_test.events ${broken === 'missing' ? 'is missing:' : 'is corrupt ('}`)).toBe(true);
          expect(m.endsWith(`: ${files['table metadata JSON']}`)).toBe(true);
          expect(body.error.message).not.toMatch(/\n\s+at /);
          writeFileSync(path, keep);
        }
      });
    } finally {
      writeFileSync(path, keep);
    }
  }, 120_000);
});

describe('the catalog going down (local profile)', () => {
  let home: string;
  let config: KolConfig;
  let lake: DuckDBLake;
  let restarted: CatalogServer | undefined;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kol-outage-'));
    config = resolveConfig({ profile: 'local', cwd: home });
    lake = await openDuckDB(config);
    await ensureTable(lake.runner, parseTableName(TABLE), { columns: 'id VARCHAR, v BIGINT' });
    await (await lakeTable(lake, TABLE)).append("SELECT 'a' || i, i FROM range(10) r(i)");
  }, 120_000);

  afterAll(async () => {
    await restarted?.close();
    await lake?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const expectOutage = (error: unknown): void => {
    expect(error).toBeInstanceOf(RemoteError);
    const e = error as RemoteError;
    expect({ service: e.service, retriable: e.retriable }).toEqual({ service: 'iceberg-catalog', retriable: true });
    expect(e.message).toContain(`the Iceberg catalog at ${lake.catalogUri} cannot be reached`);
    expect(e.message).toContain('nothing was committed');
  };

  it('refuses an append and a commit with a retriable error naming the catalog, and the table is unchanged after a restart', async () => {
    const t = await lakeTable(lake, TABLE);
    const before = await t.describe();
    // A transaction whose data files are written while the catalog is up, and whose commit finds it down.
    await lake.runner.run('BEGIN TRANSACTION');
    await lake.runner.run(`INSERT INTO ${t.sql} SELECT 'b' || i, i FROM range(10) r(i)`);
    const catalog = lake.catalog as CatalogServer;
    await catalog.close();
    expectOutage(await caught(() => readingLake(lake, [], () => lake.runner.run('COMMIT'))));
    await lake.runner.run('ROLLBACK').catch(() => {});
    expectOutage(await caught(() => t.append("SELECT 'c' || i, i FROM range(10) r(i)")));
    expectOutage(await caught(() => t.rows()));

    restarted = await startEmbeddedCatalog(config, catalog.port);
    const after = await t.describe();
    expect({ snapshot: after.currentSnapshotId, metadata: after.metadataLocation }).toEqual({
      snapshot: before.currentSnapshotId,
      metadata: before.metadataLocation,
    });
    expect((await t.rows({ columns: ['id'], where: 'true ORDER BY id' })).map((r) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `a${i}`).sort(),
    );
    // Retriable: the same append lands once the catalog is back.
    expect(await t.append("SELECT 'c' || i, i FROM range(10) r(i)")).toBe(10);
  }, 120_000);
});
