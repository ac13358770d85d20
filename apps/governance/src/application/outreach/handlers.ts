import { FindCampaignsHandler } from './find-campaigns.query';
import { LaunchCampaignHandler } from './launch-campaign.command';
import { RecordVisitHandler } from './record-visit.command';

/** 普法宣传 outreach campaigns: the handlers of every use case. */
export const OUTREACH_HANDLERS = [LaunchCampaignHandler, RecordVisitHandler, FindCampaignsHandler];
