import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from '../../../sdk/lake/catalog/json.ts';
import { type CatalogServer, startCatalogServer } from '../../../sdk/lake/index.ts';
import { clientSchema, snapshot } from './fixtures.ts';

let dir: string;
let server: CatalogServer;

interface Reply {
  status: number;
  body: Record<string, unknown> & { error?: { message: string; type: string; code: number } };
}

async function call(method: string, path: string, body?: unknown, on: CatalogServer = server): Promise<Reply> {
  const res = await fetch(`${on.uri}${path}`, { method, ...(body === undefined ? {} : { body: stringifyJson(body) }) });
  const text = await res.text();
  return { status: res.status, body: (text ? parseJson(text) : {}) as Reply['body'] };
}

const ns = (...levels: string[]) => encodeURIComponent(levels.join('\u001f'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kol-catalog-'));
  server = await startCatalogServer({ warehouse: join(dir, 'wh'), stateFile: join(dir, 'catalog.db') });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded REST catalog: config and namespaces', () => {
  it('serves its config with the endpoint list, and refuses a warehouse location that is not its own', async () => {
    const r = await call('GET', `/v1/config?warehouse=${encodeURIComponent(server.warehouse)}`);
    expect(r.status).toBe(200);
    expect(r.body.endpoints).toContain('POST /v1/{prefix}/transactions/commit');
    expect((await call('GET', '/v1/config?warehouse=analytics')).status).toBe(200);
    const other = await call('GET', '/v1/config?warehouse=file:///somewhere/else');
    expect(other.status).toBe(400);
    expect(other.body.error?.type).toBe('BadRequestException');
  });

  it('creates, loads, lists (with parent and pages) and drops namespaces', async () => {
    for (const levels of [['kol_bronze'], ['kol_gold'], ['kol_silver'], ['kol_gold', 'daily'], ['kol_gold', 'hourly']]) {
      expect((await call('POST', '/v1/namespaces', { namespace: levels, properties: { owner: 'kol' } })).status).toBe(200);
    }
    const dup = await call('POST', '/v1/namespaces', { namespace: ['kol_gold'] });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ type: 'AlreadyExistsException', code: 409 });
    // A namespace without a location reports the default one, where its tables go (Trino places new tables by it).
    expect((await call('GET', '/v1/namespaces/kol_gold')).body).toEqual({
      namespace: ['kol_gold'],
      properties: { owner: 'kol', location: `${server.warehouse}/kol_gold` },
    });
    expect((await call('HEAD', '/v1/namespaces/kol_gold')).status).toBe(204);
    expect((await call('HEAD', '/v1/namespaces/nope')).status).toBe(404);

    const page1 = await call('GET', '/v1/namespaces?pageSize=2');
    expect(page1.body.namespaces).toEqual([['kol_bronze'], ['kol_gold']]);
    const page2 = await call('GET', `/v1/namespaces?pageSize=2&pageToken=${page1.body['next-page-token']}`);
    expect(page2.body.namespaces).toEqual([['kol_silver']]);
    expect(page2.body['next-page-token']).toBeNull();
    expect((await call('GET', `/v1/namespaces?parent=${ns('kol_gold')}`)).body.namespaces).toEqual([
      ['kol_gold', 'daily'],
      ['kol_gold', 'hourly'],
    ]);
    expect((await call('GET', `/v1/namespaces/${ns('kol_gold', 'daily')}`)).status).toBe(200);
    expect((await call('DELETE', `/v1/namespaces/${ns('kol_gold', 'hourly')}`)).status).toBe(204);
    expect((await call('GET', '/v1/namespaces?parent=missing')).status).toBe(404);
  });

  it('updates namespace properties, reporting updated, removed and missing keys', async () => {
    const r = await call('POST', '/v1/namespaces/kol_silver/properties', { updates: { tier: 'silver' }, removals: ['owner', 'ghost'] });
    expect(r.body).toEqual({ updated: ['tier'], removed: ['owner'], missing: ['ghost'] });
    expect((await call('GET', '/v1/namespaces/kol_silver')).body.properties).toEqual({
      tier: 'silver',
      location: `${server.warehouse}/kol_silver`,
    });
    await call('POST', '/v1/namespaces/kol_silver/properties', { updates: { location: 'file:///elsewhere/silver' } });
    expect((await call('GET', '/v1/namespaces/kol_silver')).body.properties).toMatchObject({ location: 'file:///elsewhere/silver' });
    await call('POST', '/v1/namespaces/kol_silver/properties', { removals: ['location'] });
    expect((await call('POST', '/v1/namespaces/kol_silver/properties', { updates: { a: '1' }, removals: ['a'] })).status).toBe(422);
  });

  it('names the nearest namespace when one does not exist', async () => {
    const r = await call('GET', '/v1/namespaces/kol_gld');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({
      type: 'NoSuchNamespaceException',
      message: "Namespace does not exist: kol_gld (did you mean 'kol_gold'?)",
    });
  });
});

describe('embedded REST catalog: tables', () => {
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/v1/namespaces/kol_gold/tables', { name, schema: clientSchema, ...extra });

  it('creates a table with metadata on disk, loads it, and refuses a second one of that name', async () => {
    const r = await create('scores', { properties: { owner: 'kol' } });
    expect(r.status).toBe(200);
    const location = String(r.body['metadata-location']);
    expect(location).toMatch(/kol_gold\/scores\/metadata\/00000-.*\.metadata\.json$/);
    expect(existsSync(location.replace('file://', ''))).toBe(true);
    const loaded = await call('GET', '/v1/namespaces/kol_gold/tables/scores');
    expect(loaded.body['metadata-location']).toBe(location);
    expect((loaded.body.metadata as { properties: Record<string, string> }).properties.owner).toBe('kol');
    expect((await call('HEAD', '/v1/namespaces/kol_gold/tables/scores')).status).toBe(204);
    expect((await create('scores')).body.error?.type).toBe('AlreadyExistsException');
    expect((await call('POST', '/v1/namespaces/nowhere/tables', { name: 'x', schema: clientSchema })).body.error?.type).toBe(
      'NoSuchNamespaceException',
    );
    expect((await call('POST', '/v1/namespaces/kol_gold/tables', { schema: clientSchema })).status).toBe(400);
  });

  it('stage-create writes nothing to the catalog but creates the folders a writer needs', async () => {
    const r = await create('staged', { 'stage-create': true });
    expect(r.status).toBe(200);
    expect(r.body['metadata-location']).toBeUndefined();
    expect(existsSync(join(dir, 'wh', 'kol_gold', 'staged', 'metadata'))).toBe(true);
    expect(existsSync(join(dir, 'wh', 'kol_gold', 'staged', 'data'))).toBe(true);
    expect((await call('HEAD', '/v1/namespaces/kol_gold/tables/staged')).status).toBe(404);
    const meta = r.body.metadata as { 'table-uuid': string; schemas: unknown[] };
    const commit = await call('POST', '/v1/namespaces/kol_gold/tables/staged', {
      requirements: [{ type: 'assert-create' }],
      updates: [
        { action: 'assign-uuid', uuid: meta['table-uuid'] },
        { action: 'add-schema', schema: meta.schemas[0] },
        { action: 'set-current-schema', 'schema-id': -1 },
      ],
    });
    expect(commit.status).toBe(200);
    expect((commit.body.metadata as { 'table-uuid': string })['table-uuid']).toBe(meta['table-uuid']);
    // A second create of the same table loses: its assert-create no longer holds.
    const again = await call('POST', '/v1/namespaces/kol_gold/tables/staged', { requirements: [{ type: 'assert-create' }], updates: [] });
    expect(again.body.error).toMatchObject({ type: 'CommitFailedException', code: 409 });
  });

  it('commits snapshots with exact 64-bit ids, writes a new metadata file each time and logs the old one', async () => {
    const before = await call('GET', '/v1/namespaces/kol_gold/tables/scores');
    const id = 6_917_529_027_641_081_857n;
    const r = await call('POST', '/v1/namespaces/kol_gold/tables/scores', {
      identifier: { namespace: ['kol_gold'], name: 'scores' },
      requirements: [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }],
      updates: [
        { action: 'add-snapshot', snapshot: snapshot(id, 1, null) },
        { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': id },
      ],
    });
    expect(r.status).toBe(200);
    const meta = r.body.metadata as { 'current-snapshot-id': bigint; 'metadata-log': { 'metadata-file': string }[] };
    expect(meta['current-snapshot-id']).toBe(id);
    expect(meta['metadata-log'].map((e) => e['metadata-file'])).toEqual([before.body['metadata-location']]);
    expect(String(r.body['metadata-location'])).toMatch(/\/00001-/);

    // A writer that saw no snapshot yet loses the race: 409, and the table is unchanged.
    const stale = await call('POST', '/v1/namespaces/kol_gold/tables/scores', {
      requirements: [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }],
      updates: [{ action: 'set-properties', updates: { lost: 'yes' } }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.type).toBe('CommitFailedException');
    const after = await call('GET', '/v1/namespaces/kol_gold/tables/scores?snapshots=refs');
    expect((after.body.metadata as { properties: Record<string, string> }).properties.lost).toBeUndefined();
    expect((after.body.metadata as { snapshots: unknown[] }).snapshots).toHaveLength(1);
  });

  it('answers a missing table with NoSuchTableException and the nearest name', async () => {
    const r = await call('GET', '/v1/namespaces/kol_gold/tables/score');
    expect(r.status).toBe(404);
    expect(r.body.error?.message).toBe("Table does not exist: kol_gold.score (did you mean 'scores'?)");
    expect((await call('GET', '/v1/namespaces/nowhere/tables/x')).body.error?.type).toBe('NoSuchTableException');
    expect((await call('POST', '/v1/namespaces/kol_gold/tables/score', { requirements: [], updates: [] })).status).toBe(404);
  });

  it('commits a multi-table transaction entirely or not at all', async () => {
    await create('a');
    await create('b');
    const change = (name: string, value: string, requirements: unknown[] = []) => ({
      identifier: { namespace: ['kol_gold'], name },
      requirements,
      updates: [{ action: 'set-properties', updates: { batch: value } }],
    });
    expect((await call('POST', '/v1/transactions/commit', { 'table-changes': [change('a', '1'), change('b', '1')] })).status).toBe(204);
    const failed = await call('POST', '/v1/transactions/commit', {
      'table-changes': [change('a', '2'), change('b', '2', [{ type: 'assert-table-uuid', uuid: 'not-it' }])],
    });
    expect(failed.status).toBe(409);
    for (const t of ['a', 'b']) {
      const m = (await call('GET', `/v1/namespaces/kol_gold/tables/${t}`)).body.metadata as { properties: Record<string, string> };
      expect(m.properties.batch, t).toBe('1');
    }
  });

  it('renames, registers, reports metrics and drops (purging files under the warehouse)', async () => {
    const rename = await call('POST', '/v1/tables/rename', {
      source: { namespace: ['kol_gold'], name: 'a' },
      destination: { namespace: ['kol_silver'], name: 'a2' },
    });
    expect(rename.status).toBe(204);
    expect((await call('HEAD', '/v1/namespaces/kol_silver/tables/a2')).status).toBe(204);
    const clash = await call('POST', '/v1/tables/rename', {
      source: { namespace: ['kol_silver'], name: 'a2' },
      destination: { namespace: ['kol_gold'], name: 'b' },
    });
    expect(clash.body.error).toMatchObject({
      type: 'AlreadyExistsException',
      message: 'Cannot rename kol_silver.a2 to kol_gold.b. Table already exists',
    });

    const location = String((await call('GET', '/v1/namespaces/kol_gold/tables/b')).body['metadata-location']);
    const registered = await call('POST', '/v1/namespaces/kol_bronze/register', { name: 'b_copy', 'metadata-location': location });
    expect(registered.status).toBe(200);
    expect((await call('GET', '/v1/namespaces/kol_bronze/tables')).body.identifiers).toEqual([
      { namespace: ['kol_bronze'], name: 'b_copy' },
    ]);
    expect((await call('POST', '/v1/namespaces/kol_gold/tables/b/metrics', { 'report-type': 'commit-report' })).status).toBe(204);

    const notEmpty = await call('DELETE', '/v1/namespaces/kol_bronze');
    expect(notEmpty.body.error?.type).toBe('NamespaceNotEmptyException');
    expect((await call('DELETE', '/v1/namespaces/kol_bronze/tables/b_copy')).status).toBe(204);
    expect(existsSync(join(dir, 'wh', 'kol_gold', 'b', 'metadata'))).toBe(true);
    expect((await call('DELETE', '/v1/namespaces/kol_gold/tables/b?purgeRequested=true')).status).toBe(204);
    expect(existsSync(join(dir, 'wh', 'kol_gold', 'b'))).toBe(false);
    expect((await call('DELETE', '/v1/namespaces/kol_gold/tables/b')).status).toBe(404);
  });
});

describe('embedded REST catalog: views', () => {
  const version = (sql: string) => ({
    'version-id': 1,
    'timestamp-ms': 1_700_000_000_000,
    'schema-id': 0,
    summary: { 'engine-name': 'duckdb' },
    representations: [{ type: 'sql', sql, dialect: 'duckdb' }],
    'default-namespace': ['kol_gold'],
  });

  it('creates, replaces, lists, renames and drops a view, keeping its version log', async () => {
    const created = await call('POST', '/v1/namespaces/kol_gold/views', {
      name: 'top',
      schema: { type: 'struct', 'schema-id': 0, fields: [{ id: 1, name: 'id', required: false, type: 'long' }] },
      'view-version': version('SELECT id FROM scores'),
      properties: { owner: 'kol' },
    });
    expect(created.status).toBe(200);
    const meta = created.body.metadata as { 'view-uuid': string; 'current-version-id': number };
    expect(meta['current-version-id']).toBe(1);
    expect((await call('POST', '/v1/namespaces/kol_gold/tables', { name: 'top', schema: clientSchema })).body.error?.message).toBe(
      'View with same name already exists: kol_gold.top',
    );

    const replaced = await call('POST', '/v1/namespaces/kol_gold/views/top', {
      requirements: [{ type: 'assert-view-uuid', uuid: meta['view-uuid'] }],
      updates: [
        { action: 'add-view-version', 'view-version': { ...version('SELECT id FROM scores LIMIT 10'), 'version-id': 2 } },
        { action: 'set-current-view-version', 'view-version-id': -1 },
      ],
    });
    expect(replaced.status).toBe(200);
    const next = replaced.body.metadata as { 'current-version-id': number; 'version-log': unknown[]; versions: unknown[] };
    expect(next['current-version-id']).toBe(2);
    expect(next['version-log']).toHaveLength(2);
    expect(String(replaced.body['metadata-location'])).toMatch(/\/00001-/);
    expect(
      (await call('POST', '/v1/namespaces/kol_gold/views/top', { requirements: [{ type: 'assert-view-uuid', uuid: 'x' }], updates: [] }))
        .status,
    ).toBe(409);

    expect((await call('GET', '/v1/namespaces/kol_gold/views')).body.identifiers).toEqual([{ namespace: ['kol_gold'], name: 'top' }]);
    expect((await call('GET', '/v1/namespaces/kol_gold/tables/top')).body.error?.type).toBe('NoSuchTableException');
    expect(
      (
        await call('POST', '/v1/views/rename', {
          source: { namespace: ['kol_gold'], name: 'top' },
          destination: { namespace: ['kol_gold'], name: 'top10' },
        })
      ).status,
    ).toBe(204);
    expect((await call('HEAD', '/v1/namespaces/kol_gold/views/top10')).status).toBe(204);
    const missing = await call('GET', '/v1/namespaces/kol_gold/views/top1');
    expect(missing.body.error).toMatchObject({
      type: 'NoSuchViewException',
      message: "View does not exist: kol_gold.top1 (did you mean 'top10'?)",
    });
    expect((await call('DELETE', '/v1/namespaces/kol_gold/views/top10')).status).toBe(204);
  });
});

describe('embedded REST catalog: shared state', () => {
  it('two servers on one state file see each other and serialize their commits', async () => {
    const other = await startCatalogServer({ warehouse: join(dir, 'wh'), stateFile: join(dir, 'catalog.db') });
    try {
      await call('POST', '/v1/namespaces/kol_gold/tables', { name: 'shared', schema: clientSchema }, other);
      expect((await call('HEAD', '/v1/namespaces/kol_gold/tables/shared')).status).toBe(204);
      const id1 = 7_000_000_000_000_000_001n;
      const id2 = 7_000_000_000_000_000_003n;
      const append = (id: bigint, on: CatalogServer) =>
        call(
          'POST',
          '/v1/namespaces/kol_gold/tables/shared',
          {
            requirements: [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }],
            updates: [
              { action: 'add-snapshot', snapshot: snapshot(id, 1, null) },
              { action: 'set-snapshot-ref', 'ref-name': 'main', type: 'branch', 'snapshot-id': id },
            ],
          },
          on,
        );
      const results = await Promise.all([append(id1, server), append(id2, other)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const m = (await call('GET', '/v1/namespaces/kol_gold/tables/shared', undefined, other)).body.metadata as { snapshots: unknown[] };
      expect(m.snapshots).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
