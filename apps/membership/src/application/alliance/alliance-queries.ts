import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { Alliance } from '../../domain/alliance/alliance';
import { ALLIANCE_SNAPSHOT, AllianceDocument } from '../../infrastructure/alliance/alliance.snapshot';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';

type AllianceView = Alliance & { version: number };

export class GetAlliance {
  constructor(readonly allianceId: string) {}
}

export class ListAlliances {
  constructor(
    readonly filter: PlaceFilter & { organizationId?: string },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

@QueryHandler(GetAlliance)
export class GetAllianceHandler implements IQueryHandler<GetAlliance, AllianceView | null> {
  constructor(@InjectModel(ALLIANCE_SNAPSHOT) private readonly alliances: Model<AllianceDocument>) {}

  execute({ allianceId }: GetAlliance): Promise<AllianceView | null> {
    return this.alliances.findById(allianceId, { _id: 0, lastEventAt: 0 }).lean<AllianceView>().exec();
  }
}

@QueryHandler(ListAlliances)
export class ListAlliancesHandler implements IQueryHandler<ListAlliances, AllianceView[]> {
  constructor(@InjectModel(ALLIANCE_SNAPSHOT) private readonly alliances: Model<AllianceDocument>) {}

  execute({ filter, limit, after }: ListAlliances): Promise<AllianceView[]> {
    const { organizationId, ...place } = filter;
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(place)) if (value !== undefined) query[key] = value;
    if (organizationId) query['members.organizationId'] = organizationId;
    if (after) query._id = { $gt: after };
    return this.alliances.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<AllianceView[]>().exec();
  }
}
