import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Alliance } from '../../domain/alliance/alliance';
import { Alliances } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';
import { IsId, PageDto } from '../shared/common.dto';
import { AllianceView } from './alliance-view';

export class ListAlliances {
  constructor(
    readonly filter: PlaceFilter & { organizationId?: string },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

@QueryHandler(ListAlliances)
export class ListAlliancesHandler implements IQueryHandler<ListAlliances, AllianceView[]> {
  constructor(@InjectSnapshots(Alliances) private readonly alliances: Model<Snapshot<Alliance>>) {}

  execute({ filter, limit, after }: ListAlliances): Promise<AllianceView[]> {
    const { organizationId, ...place } = filter;
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(place)) if (value !== undefined) query[key] = value;
    if (organizationId) query['members.organizationId'] = organizationId;
    if (after) query._id = { $gt: after };
    return this.alliances.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<AllianceView[]>().exec();
  }
}

export class AllianceFilterDto extends PageDto {
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;
  @IsOptional() @IsId() organizationId?: string;
}
