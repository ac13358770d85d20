import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import type { OrganizationType } from '@pb/contracts';
import { InjectSnapshots } from '@pb/messaging';
import type { Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';

export interface OrganizationFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  parentId?: string;
  type?: OrganizationType;
  instructorId?: string;
}

/** A page of organizations in id order; pass the last id as `after` for the next page. */
export class ListOrganizations {
  constructor(
    readonly filter: OrganizationFilter,
    readonly limit = 200,
    readonly after?: string,
  ) {}
}

export class GetOrganization {
  constructor(readonly organizationId: string) {}
}

type OrganizationView = Organization & { version: number };

@QueryHandler(ListOrganizations)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizations, OrganizationView[]> {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<OrganizationView & { _id: string }>) {}

  async execute({ filter, limit, after }: ListOrganizations): Promise<OrganizationView[]> {
    const query: Record<string, unknown> = {};
    const { instructorId, ...rest } = filter;
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) query[key] = value;
    if (instructorId) query['instructors.instructorId'] = instructorId;
    if (after) query._id = { $gt: after };
    return this.organizations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<OrganizationView[]>().exec();
  }
}

@QueryHandler(GetOrganization)
export class GetOrganizationHandler implements IQueryHandler<GetOrganization, OrganizationView | null> {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<OrganizationView & { _id: string }>) {}

  async execute({ organizationId }: GetOrganization): Promise<OrganizationView | null> {
    return this.organizations.findById(organizationId, { _id: 0, lastEventAt: 0 }).lean<OrganizationView>().exec();
  }
}
