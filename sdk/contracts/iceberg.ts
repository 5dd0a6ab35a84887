import { type IcebergType, icebergType } from '../types/index.ts';
import type { AnyContract } from './define.ts';

export interface IcebergField {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: IcebergType;
  readonly doc?: string;
}

/** An Iceberg table schema in the JSON form of the REST catalog and table metadata. */
export interface IcebergSchema {
  readonly type: 'struct';
  readonly 'schema-id': number;
  readonly 'identifier-field-ids': readonly number[];
  readonly fields: readonly IcebergField[];
}

/** Element ids of list columns live above every top-level id, so appending a column never renumbers them. */
const NESTED_ID_BASE = 1000;

/**
 * The Iceberg schema of a contract's table. Field ids are the contract's stable `fieldIds`; a list's element
 * id is `1000 × depth + field id`; `event_id` is the identifier field.
 *
 * @example icebergSchema(posts).fields[0] // { id: 1, name: 'event_id', required: true, type: 'string' }
 */
export function icebergSchema(contract: AnyContract, schemaId = 0): IcebergSchema {
  const fields = Object.entries(contract.columns).map(([name, col]): IcebergField => {
    const id = contract.fieldIds[name] as number;
    let depth = 0;
    const type = icebergType(col, () => NESTED_ID_BASE * ++depth + id);
    return { id, name, required: !col.nullable, type, ...(col.description === undefined ? {} : { doc: col.description }) };
  });
  return { type: 'struct', 'schema-id': schemaId, 'identifier-field-ids': [contract.fieldIds.event_id as number], fields };
}
