import { brand, campaign, defineFeatureSet, last } from '../../sdk/features/index.ts';
import { brandsSource, campaignsSource } from '../sources.ts';

/** The campaign as booked: objective, budget, KPI target (what the brand asked for). */
export const campaignBrief = defineFeatureSet({
  name: 'campaign_brief',
  version: 1,
  description: 'Objective, budget and KPI of a campaign as booked.',
  entity: campaign,
  source: campaignsSource,
  windows: ['lifetime'],
  features: {
    objective: last('objective'),
    budget: last('budget_usd'),
    kpi_metric: last('kpi_metric'),
    kpi_target: last('kpi_target'),
  },
});

/** The advertiser: its category (for niche match) and market. */
export const brandProfile = defineFeatureSet({
  name: 'brand_profile',
  version: 1,
  description: 'Category, country and language of a brand.',
  entity: brand,
  source: brandsSource,
  windows: ['lifetime'],
  features: {
    category: last('category'),
    brand_country: last('country'),
    brand_language: last('language'),
  },
});
