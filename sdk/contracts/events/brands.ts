import { t } from '../../types/index.ts';
import { defineContract } from '../define.ts';
import { country, id, language, NICHES } from './common.ts';

/** An advertiser. */
export const brands = defineContract({
  name: 'brands',
  version: 1,
  description: 'An advertiser: its category (matched against creator niches), home country and language.',
  key: 'brand_id',
  eventTime: 'registered_at',
  columns: {
    event_id: id(),
    brand_id: id(),
    registered_at: t.timestamp(),
    name: t.string(),
    category: t.enum(NICHES),
    country: country(),
    language: language(),
  },
});
