/** The JSON shapes of the Iceberg table and view metadata (spec: "Table Metadata", "View Metadata"). */
import type { Long } from './json.ts';

export type { Long };

export type IcebergType = string | StructType | ListType | MapType;

export interface NestedField {
  id: number;
  name: string;
  required: boolean;
  type: IcebergType;
  doc?: string;
  'initial-default'?: unknown;
  'write-default'?: unknown;
}

export interface StructType {
  type: 'struct';
  fields: NestedField[];
}

export interface ListType {
  type: 'list';
  'element-id': number;
  element: IcebergType;
  'element-required': boolean;
}

export interface MapType {
  type: 'map';
  'key-id': number;
  key: IcebergType;
  'value-id': number;
  value: IcebergType;
  'value-required': boolean;
}

export interface Schema extends StructType {
  'schema-id': number;
  'identifier-field-ids'?: number[];
}

export interface PartitionField {
  'source-id': number;
  'field-id': number;
  name: string;
  transform: string;
}

export interface PartitionSpec {
  'spec-id': number;
  fields: PartitionField[];
}

export interface SortField {
  'source-id': number;
  transform: string;
  direction: string;
  'null-order': string;
}

export interface SortOrder {
  'order-id': number;
  fields: SortField[];
}

export interface Snapshot {
  'snapshot-id': Long;
  'parent-snapshot-id'?: Long | null;
  'sequence-number'?: number;
  'timestamp-ms': number;
  'manifest-list'?: string;
  manifests?: string[];
  summary: Record<string, string>;
  'schema-id'?: number;
  'first-row-id'?: number;
  'added-rows'?: number;
  [key: string]: unknown;
}

export interface SnapshotRef {
  'snapshot-id': Long;
  type: 'branch' | 'tag';
  'max-ref-age-ms'?: number;
  'max-snapshot-age-ms'?: number;
  'min-snapshots-to-keep'?: number;
}

export interface StatisticsFile {
  'snapshot-id': Long;
  'statistics-path': string;
  [key: string]: unknown;
}

export interface PartitionStatisticsFile {
  'snapshot-id': Long;
  'statistics-path': string;
  'file-size-in-bytes': number;
}

export interface TableMetadata {
  'format-version': number;
  'table-uuid': string;
  location: string;
  'last-sequence-number': number;
  'last-updated-ms': number;
  'last-column-id': number;
  'current-schema-id': number;
  schemas: Schema[];
  'default-spec-id': number;
  'partition-specs': PartitionSpec[];
  'last-partition-id': number;
  'default-sort-order-id': number;
  'sort-orders': SortOrder[];
  properties: Record<string, string>;
  'current-snapshot-id': Long | null;
  refs: Record<string, SnapshotRef>;
  snapshots: Snapshot[];
  statistics: StatisticsFile[];
  'partition-statistics': PartitionStatisticsFile[];
  'snapshot-log': { 'timestamp-ms': number; 'snapshot-id': Long }[];
  'metadata-log': { 'timestamp-ms': number; 'metadata-file': string }[];
  'next-row-id'?: number;
  'encryption-keys'?: { 'key-id': string; [key: string]: unknown }[];
}

export interface ViewRepresentation {
  type: string;
  sql?: string;
  dialect?: string;
  [key: string]: unknown;
}

export interface ViewVersion {
  'version-id': number;
  'timestamp-ms': number;
  'schema-id': number;
  summary: Record<string, string>;
  representations: ViewRepresentation[];
  'default-catalog'?: string | null;
  'default-namespace': string[];
}

export interface ViewMetadata {
  'view-uuid': string;
  'format-version': number;
  location: string;
  'current-version-id': number;
  versions: ViewVersion[];
  'version-log': { 'timestamp-ms': number; 'version-id': number }[];
  schemas: Schema[];
  properties: Record<string, string>;
}

/** A table or view name inside the catalog: the namespace levels and the name. */
export interface Identifier {
  readonly namespace: readonly string[];
  readonly name: string;
}

/** One metadata change of a commit (spec: `TableUpdate` / `ViewUpdate`), discriminated by `action`. */
export interface Update {
  action: string;
  [key: string]: unknown;
}

/** One precondition of a commit (spec: `TableRequirement` / `ViewRequirement`), discriminated by `type`. */
export interface Requirement {
  type: string;
  [key: string]: unknown;
}
