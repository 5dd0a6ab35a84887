import { Bool, type DataType, Date_, DateUnit, Field, Float64, Int64, List, Schema, Timestamp, TimeUnit, Utf8 } from 'apache-arrow';
import type { AnyColumn } from './column.ts';

/**
 * Arrow objects for column types. Kept out of `index.ts` because it loads `apache-arrow`: import this file
 * directly where Arrow is needed (the lake and engine layers).
 *
 * @example
 * import { arrowSchema } from 'kol-sdk/sdk/types/arrow.ts';
 * arrowSchema({ likes: t.int64(), observed_at: t.timestamp() }).fields.map((f) => String(f.type)); // ['Int64', 'Timestamp<MICROSECOND, UTC>']
 */
export function arrowType(col: AnyColumn): DataType {
  switch (col.kind) {
    case 'string':
      return new Utf8();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'date':
      return new Date_(DateUnit.DAY);
    case 'list': {
      if (col.element === undefined) throw new TypeError('list column type without an element type');
      return new List(new Field('element', arrowType(col.element), col.element.nullable));
    }
  }
}

/** An Arrow schema with one field per column, in declaration order. */
export function arrowSchema(columns: Readonly<Record<string, AnyColumn>>): Schema {
  return new Schema(Object.entries(columns).map(([name, col]) => new Field(name, arrowType(col), col.nullable)));
}
