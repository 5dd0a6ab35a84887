/** The success feature library: will this campaign hit its KPI? (plus the creator's trust features). */
export { brandProfile, campaignBrief } from './campaign.ts';
export { creatorCampaignHistory } from './history.ts';
export { campaignFitView } from './view.ts';
