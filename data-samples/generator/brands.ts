import { NICHES, type Niche } from '../../sdk/contracts/index.ts';
import { ENTITY, PURPOSE, SEQ, type WorldContext } from './context.ts';
import { seq } from './ids.ts';
import { Rng } from './prng.ts';
import { brandNameOf, COUNTRIES, COUNTRY_WEIGHTS } from './vocab.ts';

/** An advertiser, with what campaign success depends on: category, home country and language, basket size. */
export interface Brand {
  readonly brandId: string;
  readonly category: Niche;
  readonly country: string;
  readonly language: string;
  /** Hidden: average order value in USD. */
  readonly orderValue: number;
}

/** One brand per eight creators (at least ten): a small table, kept in memory while creators stream. */
export function brandCount(creators: number): number {
  return Math.max(10, Math.round(creators / 8));
}

/** Draws every brand and emits their registration events on the first day. */
export function createBrands(ctx: WorldContext): readonly Brand[] {
  const n = brandCount(ctx.options.creators);
  const key = ctx.ids.sequenceKey(SEQ.brands);
  return Array.from({ length: n }, (_, i) => {
    const rng = Rng.from(ctx.options.seed, ENTITY.brand, i, PURPOSE.brands);
    const country = COUNTRIES[rng.weighted(COUNTRY_WEIGHTS)] as (typeof COUNTRIES)[number];
    const brand: Brand = {
      brandId: `br-${ctx.ids.code(ENTITY.brand, i)}`,
      category: rng.pick(NICHES),
      country: country[0],
      language: country[2],
      orderValue: rng.range(25, 90),
    };
    const ms = ctx.startMs + Math.floor(rng.range(0, 3_600_000));
    ctx.emit('brands', ms, {
      event_id: `br-${seq(key, i)}`,
      brand_id: brand.brandId,
      registered_at: ms,
      name: brandNameOf((k) => rng.int(k)),
      category: brand.category,
      country: brand.country,
      language: brand.language,
    });
    return brand;
  });
}
