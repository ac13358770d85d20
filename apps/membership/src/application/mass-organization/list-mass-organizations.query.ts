import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { MASS_ORGANIZATION_KINDS, MassOrganizationKind } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { MassOrganization } from '../../domain/mass-organization/mass-organization';
import { MassOrganizations } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';
import { IsId, PageDto } from '../shared/common.dto';
import { MassOrganizationView } from './mass-organization-view';

export class ListMassOrganizations {
  constructor(
    readonly filter: PlaceFilter & { jointCommitteeId?: string; kind?: MassOrganizationKind },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

@QueryHandler(ListMassOrganizations)
export class ListMassOrganizationsHandler implements IQueryHandler<ListMassOrganizations, MassOrganizationView[]> {
  constructor(@InjectSnapshots(MassOrganizations) private readonly massOrganizations: Model<Snapshot<MassOrganization>>) {}

  execute({ filter, limit, after }: ListMassOrganizations): Promise<MassOrganizationView[]> {
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    if (after) query._id = { $gt: after };
    return this.massOrganizations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<MassOrganizationView[]>().exec();
  }
}

export class MassOrganizationFilterDto extends PageDto {
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;
  @IsOptional() @IsId() jointCommitteeId?: string;

  @IsOptional()
  @IsIn(MASS_ORGANIZATION_KINDS, { message: `kind 必须是以下之一：${MASS_ORGANIZATION_KINDS.join(', ')}` })
  kind?: MassOrganizationKind;
}
