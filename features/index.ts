/**
 * The KOL feature library: sources over the silver tables and topics, the trust and success feature sets,
 * and the views across them. `kol-sdk features list` shows them; golden SQL of both dialects lives in
 * test/features/library/golden.
 */
import type { FeatureSetDef, FeatureViewDef } from '../sdk/features/index.ts';
import { creatorProfile } from './profile.ts';
import { brandProfile, campaignBrief, campaignFitView, creatorCampaignHistory } from './success/index.ts';
import {
  creatorAudience,
  creatorComments,
  creatorEngagement,
  creatorEngagementArrival,
  creatorFollowers,
  creatorTrustView,
} from './trust/index.ts';

export { creatorProfile } from './profile.ts';
export * from './sources.ts';
export * from './success/index.ts';
export * from './trust/index.ts';

/** Every feature set and view of the library, by name. */
export const LIBRARY: Readonly<Record<string, FeatureSetDef | FeatureViewDef>> = Object.freeze(
  Object.fromEntries(
    [
      creatorFollowers,
      creatorEngagement,
      creatorEngagementArrival,
      creatorComments,
      creatorAudience,
      creatorProfile,
      creatorTrustView,
      campaignBrief,
      brandProfile,
      creatorCampaignHistory,
      campaignFitView,
    ].map((d) => [d.name, d]),
  ),
);

/** What the trust model reads (the view brings its input sets). */
export const TRUST_FEATURES: readonly (FeatureSetDef | FeatureViewDef)[] = Object.freeze([creatorTrustView]);

/** What the success model reads: the campaign fit and the creator's trust features as of campaign start. */
export const SUCCESS_FEATURES: readonly (FeatureSetDef | FeatureViewDef)[] = Object.freeze([
  campaignFitView,
  creatorEngagementArrival,
  creatorComments,
]);
export { REASON_TEMPLATES } from './reasons.ts';
