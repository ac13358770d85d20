import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { OutreachCampaign } from '../../domain/outreach/campaign';
import { Campaigns } from '../../infrastructure/aggregates';
import { afterCursor, Page, pageOf, PageOrder, sortOf } from '../shared/page';

export type CampaignView = Omit<OutreachCampaign, 'visitIds'>;

/** Latest start first; campaigns starting the same day are told apart by their id. */
const ORDER: PageOrder<CampaignView> = { field: 'startsOn', order: 'desc', key: (c) => c.startsOn, id: (c) => c.campaignId };

export class FindCampaigns {
  constructor(
    readonly filter: Record<string, string | undefined>,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(FindCampaigns)
export class FindCampaignsHandler implements IQueryHandler<FindCampaigns, Page<CampaignView>> {
  constructor(@InjectSnapshots(Campaigns) private readonly campaigns: Model<OutreachCampaign & { _id: string }>) {}

  async execute({ filter, limit, after }: FindCampaigns): Promise<Page<CampaignView>> {
    const query = { ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), ...afterCursor(after, ORDER) };
    const found = await this.campaigns
      .find(query, { _id: 0, lastEventAt: 0, visitIds: 0 })
      .sort(sortOf(ORDER))
      .limit(limit + 1)
      .lean<CampaignView[]>()
      .exec();
    return pageOf(found, limit, ORDER);
  }
}
