import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from '../../../sdk/lake/catalog/json.ts';
import {
  localPath,
  metadataVersion,
  newTableMetadata,
  nextMetadataLocation,
  parseTableMetadata,
  serializeTable,
} from '../../../sdk/lake/catalog/metadata.ts';
import { assignFreshIds } from '../../../sdk/lake/catalog/schema.ts';
import type { Schema } from '../../../sdk/lake/catalog/types.ts';
import { clientSchema, table } from './fixtures.ts';

const nested: Schema = {
  type: 'struct',
  'schema-id': 0,
  'identifier-field-ids': [10],
  fields: [
    { id: 10, name: 'id', required: true, type: 'long' },
    {
      id: 11,
      name: 'profile',
      required: false,
      type: { type: 'struct', fields: [{ id: 20, name: 'handle', required: false, type: 'string' }] },
    },
    { id: 12, name: 'tags', required: false, type: { type: 'list', 'element-id': 30, element: 'string', 'element-required': false } },
    {
      id: 13,
      name: 'counts',
      required: false,
      type: { type: 'map', 'key-id': 40, key: 'string', 'value-id': 41, value: 'int', 'value-required': false },
    },
  ],
};

describe('new table metadata', () => {
  it('assigns field ids afresh: a struct level first, then its children', () => {
    const { schema, ids } = assignFreshIds(nested);
    expect(schema.fields.map((f) => f.id)).toEqual([1, 2, 3, 4]);
    expect(JSON.stringify(schema.fields[1]?.type)).toContain('"id":5');
    expect(schema.fields[2]?.type).toMatchObject({ 'element-id': 6 });
    expect(schema.fields[3]?.type).toMatchObject({ 'key-id': 7, 'value-id': 8 });
    expect(schema['identifier-field-ids']).toEqual([1]);
    expect(ids.get(40)).toBe(7);
  });

  it('rebinds the partition spec by column name and starts partition field ids at 1000', () => {
    const m = table();
    expect(m.schemas[0]?.fields.map((f) => [f.id, f.name])).toEqual([
      [1, 'id'],
      [2, 'ts'],
    ]);
    expect(m['partition-specs'][0]?.fields).toEqual([{ 'source-id': 2, 'field-id': 1000, name: 'ts_day', transform: 'day' }]);
    expect(m['last-partition-id']).toBe(1000);
    expect(m['last-column-id']).toBe(2);
    expect(m['format-version']).toBe(2);
    expect(m['sort-orders']).toEqual([{ 'order-id': 0, fields: [] }]);
  });

  it('takes format-version from the properties instead of storing it', () => {
    const m = newTableMetadata({ name: 't', schema: clientSchema, properties: { 'format-version': '1', owner: 'kol' } }, 'file:///wh/t');
    expect(m['format-version']).toBe(1);
    expect(m.properties['format-version']).toBeUndefined();
    expect(m.properties.owner).toBe('kol');
    const v1 = serializeTable(m);
    // v1 readers need the single schema and partition spec as well
    expect(v1.schema).toBeDefined();
    expect(v1['partition-spec']).toEqual([]);
    expect(() => newTableMetadata({ name: 't', schema: clientSchema, properties: { 'format-version': '9' } }, 'file:///wh/t')).toThrow(
      /format version/,
    );
  });

  it('serializes in the spec layout and parses back to the same metadata', () => {
    const m = { ...table(), 'current-snapshot-id': null };
    const json = serializeTable(m);
    expect(json['current-snapshot-id']).toBe(-1);
    for (const key of [
      'format-version',
      'table-uuid',
      'location',
      'last-sequence-number',
      'last-updated-ms',
      'last-column-id',
      'schemas',
      'refs',
      'snapshot-log',
      'metadata-log',
    ]) {
      expect(json, key).toHaveProperty(key);
    }
    expect(parseTableMetadata(parseJson(stringifyJson(json)))).toEqual(m);
  });

  it('reads metadata written by other writers: v1 single schema, current snapshot without refs', () => {
    const m = parseTableMetadata({
      'format-version': 1,
      'table-uuid': 'u',
      location: 'file:///wh/t',
      'last-updated-ms': 5,
      'last-column-id': 1,
      schema: { type: 'struct', fields: [{ id: 1, name: 'a', required: false, type: 'int' }] },
      'partition-spec': [],
      properties: {},
      'current-snapshot-id': 7,
      snapshots: [{ 'snapshot-id': 7, 'timestamp-ms': 5, summary: { operation: 'append' } }],
    });
    expect(m.schemas).toHaveLength(1);
    expect(m['partition-specs']).toEqual([{ 'spec-id': 0, fields: [] }]);
    expect(m.refs.main).toEqual({ 'snapshot-id': 7, type: 'branch' });
  });
});

describe('metadata files', () => {
  it('numbers each new file after the previous one, under metadata/ or write.metadata.path', () => {
    const first = nextMetadataLocation('file:///wh/ns/t', {}, null);
    expect(first).toMatch(/^file:\/\/\/wh\/ns\/t\/metadata\/00000-[0-9a-f-]{36}\.metadata\.json$/);
    const second = nextMetadataLocation('file:///wh/ns/t', {}, first);
    expect(metadataVersion(second)).toBe(1);
    expect(nextMetadataLocation('file:///wh/ns/t', { 'write.metadata.path': 'file:///elsewhere/' }, second)).toMatch(
      /^file:\/\/\/elsewhere\/00002-/,
    );
  });

  it('maps file locations to paths without unescaping names, and refuses object storage', () => {
    expect(localPath('file:///wh/a b/t')).toBe('/wh/a b/t');
    expect(localPath('file:/wh/t')).toBe('/wh/t');
    expect(localPath('/wh/t')).toBe('/wh/t');
    expect(() => localPath('s3://bucket/t')).toThrow(/only local files/);
  });
});

describe('64-bit JSON', () => {
  it('keeps snapshot ids exact through parse and stringify', () => {
    const text = '{"snapshot-id":2523328725131331175,"neg":-9223372036854775807,"small":42,"f":1.5,"s":"9007199254740993 \\"quoted\\""}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(value['snapshot-id']).toBe(2523328725131331175n);
    expect(value.neg).toBe(-9223372036854775807n);
    expect(value.small).toBe(42);
    expect(value.s).toBe('9007199254740993 "quoted"');
    expect(stringifyJson(value)).toBe(text);
  });
});
