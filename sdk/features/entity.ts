/** What features are computed for: one row per key (per as_of) in a training frame, one key online. */
export interface EntityDef<Name extends string = string, Keys extends string = string> {
  readonly kind: 'entity';
  readonly name: Name;
  /** Key columns, in order; sources must carry columns of these names. */
  readonly keys: readonly Keys[];
  readonly description: string;
}

/**
 * Declares an entity.
 *
 * @example export const creator = defineEntity({ name: 'creator', key: 'creator_id' });
 * @example export const campaignCreator = defineEntity({ name: 'campaign_creator', key: ['campaign_id', 'creator_id'] });
 */
export function defineEntity<const Name extends string, const K extends string>(def: {
  name: Name;
  key: K | readonly K[];
  description?: string;
}): EntityDef<Name, K> {
  const keys = (typeof def.key === 'string' ? [def.key] : [...def.key]) as K[];
  if (keys.length === 0) throw new TypeError(`entity '${def.name}' needs at least one key column`);
  return Object.freeze({ kind: 'entity', name: def.name, keys: Object.freeze(keys), description: def.description ?? '' });
}

/** The entities of the KOL world. */
export const creator = defineEntity({ name: 'creator', key: 'creator_id', description: 'A creator (influencer) account on one platform.' });
export const campaign = defineEntity({ name: 'campaign', key: 'campaign_id', description: 'A brand campaign.' });
export const brand = defineEntity({ name: 'brand', key: 'brand_id', description: 'An advertiser.' });
