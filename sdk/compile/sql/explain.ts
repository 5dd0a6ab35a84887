import type { FeatureSetDef } from '../../features/feature-set.ts';
import { compileFeatureSet } from './generator.ts';
import type { SpineSpec } from './spine.ts';

export interface Explanation {
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly outputs: readonly { readonly name: string; readonly type: string; readonly window: string | null }[];
  readonly sql: { readonly duckdb: string; readonly trino: string };
}

/**
 * The compiled SQL of both dialects and the output columns, for notebooks and `features describe`.
 * Without a spine, a placeholder relation named `spine` (columns: the entity keys and `as_of`) is used.
 *
 * @example explain(creatorEngagement).sql.duckdb
 */
export function explain(set: FeatureSetDef, spine: SpineSpec = { table: 'spine' }): Explanation {
  return {
    name: set.name,
    version: set.version,
    hash: set.hash,
    outputs: set.outputs.map((o) => ({ name: o.name, type: o.type, window: o.window })),
    sql: {
      duckdb: compileFeatureSet(set, { dialect: 'duckdb', spine }).sql,
      trino: compileFeatureSet(set, { dialect: 'trino', spine }).sql,
    },
  };
}
