import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Model } from 'mongoose';
import { ORGANIZATION_TYPES, OrganizationType } from '@pb/contracts';
import { InjectSnapshots } from '@pb/messaging';
import { Organizations } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, PageDto } from '../shared/common.dto';
import { OrganizationView } from './organization-view';

export interface OrganizationFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  parentId?: string;
  type?: OrganizationType;
  instructorId?: string;
  buildingId?: string;
  /** Dissolved and merged organizations are left out unless asked for. */
  includeDissolved?: boolean;
}

/** A page of organizations in id order; pass the last id as `after` for the next page. */
export class ListOrganizations {
  constructor(
    readonly filter: OrganizationFilter,
    readonly limit = 200,
    readonly after?: string,
  ) {}
}

@QueryHandler(ListOrganizations)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizations, OrganizationView[]> {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<OrganizationView & { _id: string }>) {}

  async execute({ filter, limit, after }: ListOrganizations): Promise<OrganizationView[]> {
    const query: Record<string, unknown> = {};
    const { instructorId, includeDissolved, ...rest } = filter;
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) query[key] = value;
    if (instructorId) query['instructors.instructorId'] = instructorId;
    if (!includeDissolved) query.dissolvedOn = null;
    if (after) query._id = { $gt: after };
    return this.organizations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<OrganizationView[]>().exec();
  }
}

export class OrganizationFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) parentId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) instructorId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) buildingId?: string;

  /** 含已撤销（及已合并）的党组织 */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeDissolved 须为 true 或 false' })
  includeDissolved?: boolean;

  @IsOptional()
  @IsIn(ORGANIZATION_TYPES, { message: `type 必须是以下之一：${ORGANIZATION_TYPES.join(', ')}` })
  type?: OrganizationType;
}
