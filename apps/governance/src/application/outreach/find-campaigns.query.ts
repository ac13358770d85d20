import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { OutreachCampaign } from '../../domain/outreach/campaign';
import { Campaigns } from '../../infrastructure/aggregates';

export class FindCampaigns {
  constructor(readonly filter: Record<string, string | undefined>) {}
}

@QueryHandler(FindCampaigns)
export class FindCampaignsHandler implements IQueryHandler<FindCampaigns> {
  constructor(@InjectSnapshots(Campaigns) private readonly campaigns: Model<OutreachCampaign & { _id: string }>) {}

  execute({ filter }: FindCampaigns) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.campaigns.find(query, { _id: 0, lastEventAt: 0, visitIds: 0 }).sort({ startsOn: -1 }).limit(200).lean().exec();
  }
}
