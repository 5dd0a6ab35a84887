import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from '../../sdk/query/index.ts';
import { config, describeService, unique } from '../services/int-support.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'sdk', 'cli', 'bin.mjs');
const exec = promisify(execFile);

/** `kol-sdk lake … --profile cluster --json`, as a user runs it from the project folder. */
async function lake<T>(args: string[]): Promise<T> {
  const { stdout } = await exec(process.execPath, [bin, 'lake', ...args, '--profile', 'cluster', '--json'], {
    cwd: root,
    env: process.env,
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout) as T;
}

describeService(
  ['trino', 'iceberg-rest', 'minio'],
  "lake maintenance on the cluster profile, through Trino's ALTER TABLE … EXECUTE",
  () => {
    const ns = unique('kol_it_maint');
    const name = `${ns}.events`;
    const table = `${config.trino.catalog}.${ns}.events`;
    const trino = async (text: string) => (await sql(text, { engine: 'trino', config })).rows as Record<string, unknown>[];
    const rows = async () =>
      (await trino(`SELECT id, v, CAST(dt AS varchar) AS dt FROM ${table} ORDER BY id`)).map((r) => ({
        id: Number(r.id),
        v: String(r.v),
        dt: String(r.dt),
      }));
    const count = async (text: string) => Number((await trino(text))[0]?.n);
    const snapshotIds = async () =>
      (await trino(`SELECT CAST(snapshot_id AS varchar) AS id FROM ${config.trino.catalog}.${ns}."events$snapshots"`)).map((r) =>
        String(r.id),
      );
    const s3 = new S3Client({
      endpoint: config.s3.endpoint,
      region: config.s3.region,
      forcePathStyle: config.s3.forcePathStyle,
      credentials: { accessKeyId: config.s3.accessKeyId as string, secretAccessKey: config.s3.secretAccessKey as string },
    });
    const object = (url: string) => {
      const u = new URL(url);
      return { Bucket: u.host, Key: u.pathname.slice(1) };
    };

    beforeAll(async () => {
      await trino(`CREATE SCHEMA ${config.trino.catalog}.${ns}`);
      await trino(`CREATE TABLE ${table} (id bigint, v varchar, dt date) WITH (partitioning = ARRAY['dt'])`);
      // Twelve small commits over two days: two files a day at least, one snapshot each.
      for (let i = 0; i < 12; i++) {
        const values = [0, 1, 2].map((j) => `(${i * 3 + j}, 'v${i}-${j}', DATE '2024-03-0${1 + (i % 2)}')`).join(', ');
        await trino(`INSERT INTO ${table} VALUES ${values}`);
      }
    }, 300_000);

    afterAll(async () => {
      await trino(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
      await trino(`DROP SCHEMA IF EXISTS ${config.trino.catalog}.${ns}`).catch(() => {});
      s3.destroy();
    }, 120_000);

    it('compact rewrites the small files into fewer, with the same rows', async () => {
      const before = await rows();
      const files = await count(`SELECT count(*) AS n FROM ${config.trino.catalog}.${ns}."events$files"`);
      expect(files).toBeGreaterThanOrEqual(12);
      const r = await lake<{ table: string; filesBefore: number; filesAfter: number; snapshotId: string | null }>(['compact', name]);
      expect(r.table).toBe(name);
      expect(r.filesBefore).toBe(files);
      // One file per day partition.
      expect(r.filesAfter).toBe(2);
      expect(r.snapshotId).toBe((await snapshotIds()).at(-1));
      expect(await rows()).toEqual(before);
      expect(before).toHaveLength(36);
    }, 300_000);

    it('expire removes the old snapshots and their files; the table still reads', async () => {
      const before = await rows();
      const ids = await snapshotIds();
      expect(ids.length).toBeGreaterThanOrEqual(13);
      const r = await lake<{ expired: string[]; kept: string[]; deletedFiles: number }>([
        'expire',
        name,
        '--retain-last',
        '1',
        '--older-than',
        '0s',
      ]);
      const after = await snapshotIds();
      expect([...r.kept].sort()).toEqual([...after].sort());
      expect([...r.expired, ...r.kept].sort()).toEqual([...ids].sort());
      expect(after).toContain(ids.at(-1));
      // The twelve inserts are older than the compaction by more than the second left for the clocks.
      expect(r.expired.length).toBeGreaterThan(0);
      expect(r.deletedFiles).toBeGreaterThan(0);
      expect(await rows()).toEqual(before);
    }, 300_000);

    it('remove-orphans deletes a file no snapshot references, and no live file', async () => {
      const [loc] = await trino(`SELECT value FROM ${config.trino.catalog}.${ns}."events$properties" WHERE key = 'location'`);
      const orphan = `${String(loc?.value).replace(/\/$/, '')}/data/dt=2024-03-01/crashed-writer.parquet`;
      await s3.send(new PutObjectCommand({ ...object(orphan), Body: 'left by a writer that crashed before its commit' }));
      const live = (await trino(`SELECT file_path FROM ${config.trino.catalog}.${ns}."events$files"`)).map((r) => String(r.file_path));
      const before = await rows();
      // The orphan must be older than the threshold: the threshold is now, a moment after it was written.
      await new Promise((r) => setTimeout(r, 1500));
      const r = await lake<{ deleted: string[]; deletedFiles: number; filesScanned: number }>([
        'remove-orphans',
        name,
        '--older-than',
        '0s',
      ]);
      // Files the expiry left behind may go too; the planted one must, and none a snapshot still reads.
      expect(r.deleted).toContain(orphan);
      expect(r.deleted.filter((f) => live.includes(f))).toEqual([]);
      expect(r.deletedFiles).toBe(r.deleted.length);
      await expect(s3.send(new HeadObjectCommand(object(orphan)))).rejects.toThrow();
      for (const f of live) expect((await s3.send(new HeadObjectCommand(object(f)))).ContentLength).toBeGreaterThan(0);
      expect(await rows()).toEqual(before);
    }, 300_000);

    it('refuses an --older-than that is neither a time nor an age, with exit 2', async () => {
      await expect(lake(['remove-orphans', name, '--older-than', 'last week'])).rejects.toMatchObject({ code: 2 });
    });
  },
);
