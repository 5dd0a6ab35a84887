import { badRequest, check } from './errors.ts';
import type { IcebergType, NestedField, PartitionSpec, Schema, SortOrder, StructType } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every field id of a type, depth first (struct fields, list elements, map keys and values). */
function collectIds(type: IcebergType, out: number[]): number[] {
  if (typeof type === 'string') return out;
  if (type.type === 'struct') {
    for (const f of type.fields) {
      out.push(f.id);
      collectIds(f.type, out);
    }
  } else if (type.type === 'list') {
    out.push(type['element-id']);
    collectIds(type.element, out);
  } else if (type.type === 'map') {
    out.push(type['key-id'], type['value-id']);
    collectIds(type.key, out);
    collectIds(type.value, out);
  }
  return out;
}

/** The highest field id used anywhere in the schema (0 for an empty one). */
export function highestFieldId(schema: StructType): number {
  return collectIds(schema, []).reduce((a, b) => Math.max(a, b), 0);
}

/**
 * Full dotted column names by field id, the way Iceberg names them (`a.b`, `l.element`, `m.key`).
 *
 * @example columnNames(schema).get(1) // 'id'
 */
export function columnNames(schema: StructType): Map<number, string> {
  const names = new Map<number, string>();
  const walk = (type: IcebergType, prefix: string): void => {
    if (typeof type === 'string') return;
    if (type.type === 'struct') {
      for (const f of type.fields) {
        names.set(f.id, prefix + f.name);
        walk(f.type, `${prefix}${f.name}.`);
      }
    } else if (type.type === 'list') {
      names.set(type['element-id'], `${prefix}element`);
      walk(type.element, `${prefix}element.`);
    } else if (type.type === 'map') {
      names.set(type['key-id'], `${prefix}key`);
      names.set(type['value-id'], `${prefix}value`);
      walk(type.key, `${prefix}key.`);
      walk(type.value, `${prefix}value.`);
    }
  };
  // Lists and maps are addressed without their element/key/value part in partition and sort sources.
  walk(schema, '');
  return names;
}

/** Checks the JSON shape of a schema well enough that a later step cannot crash on it. */
export function validateSchema(value: unknown, what = 'schema'): Schema {
  check(isObject(value), `Invalid ${what}: not an object`);
  check(Array.isArray(value.fields), `Invalid ${what}: missing fields`);
  const validateType = (type: unknown, path: string): void => {
    if (typeof type === 'string') return;
    check(isObject(type), `Invalid ${what}: bad type at ${path}`);
    if (type.type === 'struct') {
      check(Array.isArray(type.fields), `Invalid ${what}: struct without fields at ${path}`);
      for (const f of type.fields as unknown[]) {
        check(isObject(f) && typeof f.id === 'number' && typeof f.name === 'string', `Invalid ${what}: bad field at ${path}`);
        validateType(f.type, `${path}.${f.name}`);
      }
    } else if (type.type === 'list') {
      check(typeof type['element-id'] === 'number', `Invalid ${what}: list without element-id at ${path}`);
      validateType(type.element, `${path}.element`);
    } else if (type.type === 'map') {
      check(typeof type['key-id'] === 'number' && typeof type['value-id'] === 'number', `Invalid ${what}: map ids at ${path}`);
      validateType(type.key, `${path}.key`);
      validateType(type.value, `${path}.value`);
    } else {
      throw badRequest(`Invalid ${what}: unknown type at ${path}`);
    }
  };
  validateType({ type: 'struct', fields: value.fields }, '');
  return { ...(value as unknown as Schema), type: 'struct' };
}

/**
 * The schema with every field id assigned afresh from 1, in the order the reference implementation uses
 * (a struct's own fields first, then their children), so a new table's ids do not depend on the client.
 * Returns the new schema and the old-to-new id map.
 */
export function assignFreshIds(schema: Schema, schemaId = 0): { schema: Schema; ids: Map<number, number> } {
  let next = 0;
  const ids = new Map<number, number>();
  const fresh = (old: number): number => {
    next += 1;
    ids.set(old, next);
    return next;
  };
  const visit = (type: IcebergType): IcebergType => {
    if (typeof type === 'string') return type;
    if (type.type === 'struct') {
      const newIds = type.fields.map((f) => fresh(f.id));
      const fields: NestedField[] = type.fields.map((f, i) => ({ ...f, id: newIds[i] as number, type: visit(f.type) }));
      return { type: 'struct', fields };
    }
    if (type.type === 'list') {
      const id = fresh(type['element-id']);
      return { ...type, 'element-id': id, element: visit(type.element) };
    }
    const keyId = fresh(type['key-id']);
    const valueId = fresh(type['value-id']);
    return { ...type, 'key-id': keyId, 'value-id': valueId, key: visit(type.key), value: visit(type.value) };
  };
  const struct = visit({ type: 'struct', fields: schema.fields }) as StructType;
  const out: Schema = { type: 'struct', 'schema-id': schemaId, fields: struct.fields };
  const identifiers = schema['identifier-field-ids'];
  if (identifiers && identifiers.length > 0) out['identifier-field-ids'] = identifiers.map((id) => ids.get(id) ?? id);
  return { schema: out, ids };
}

/** Whether two schemas have the same fields and identifier fields (their schema ids aside). */
export function sameSchema(a: Schema, b: Schema): boolean {
  return (
    JSON.stringify(normalize({ type: 'struct', fields: a.fields })) === JSON.stringify(normalize({ type: 'struct', fields: b.fields })) &&
    JSON.stringify([...(a['identifier-field-ids'] ?? [])].sort()) === JSON.stringify([...(b['identifier-field-ids'] ?? [])].sort())
  );
}

/** A canonical form for comparison: keys in a fixed order, optional members made explicit. */
function normalize(type: IcebergType): unknown {
  if (typeof type === 'string') return type;
  if (type.type === 'struct') {
    return type.fields.map((f) => [
      f.id,
      f.name,
      f.required,
      normalize(f.type),
      f.doc ?? null,
      f['initial-default'] ?? null,
      f['write-default'] ?? null,
    ]);
  }
  if (type.type === 'list') return ['list', type['element-id'], type['element-required'], normalize(type.element)];
  return ['map', type['key-id'], type['value-id'], type['value-required'], normalize(type.key), normalize(type.value)];
}

/** First partition field id of a table (the spec reserves lower ids for columns). */
export const PARTITION_DATA_ID_START = 1000;

/**
 * A new table's partition spec bound to its fresh schema: sources looked up by name, field ids from 1000.
 */
export function freshSpec(spec: PartitionSpec | undefined, oldNames: Map<number, string>, fresh: Schema): PartitionSpec {
  const byName = invert(columnNames(fresh));
  const fields = (spec?.fields ?? []).map((f, i) => {
    const name = oldNames.get(f['source-id']);
    const sourceId = name === undefined ? undefined : byName.get(name);
    check(sourceId !== undefined, `Cannot find source column for partition field: ${f.name}`);
    return { 'source-id': sourceId, 'field-id': PARTITION_DATA_ID_START + i, name: f.name, transform: f.transform };
  });
  return { 'spec-id': 0, fields };
}

/** A new table's sort order bound to its fresh schema (order id 1, or 0 when unsorted). */
export function freshSortOrder(order: SortOrder | undefined, oldNames: Map<number, string>, fresh: Schema): SortOrder {
  const byName = invert(columnNames(fresh));
  const fields = (order?.fields ?? []).map((f) => {
    const name = oldNames.get(f['source-id']);
    const sourceId = name === undefined ? undefined : byName.get(name);
    check(sourceId !== undefined, `Cannot find source column for sort field: ${f['source-id']}`);
    return { ...f, 'source-id': sourceId };
  });
  return { 'order-id': fields.length === 0 ? 0 : 1, fields };
}

function invert(m: Map<number, string>): Map<string, number> {
  return new Map([...m].map(([k, v]) => [v, k]));
}
