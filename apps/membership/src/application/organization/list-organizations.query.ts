import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { Organization } from '../../domain/organization/organization';
import { ORGANIZATION_SNAPSHOT } from '../../infrastructure/organization/organization.snapshot';

export class ListOrganizations {
  constructor(readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string; parentId?: string }) {}
}

export class GetOrganization {
  constructor(readonly organizationId: string) {}
}

type OrganizationView = Organization & { version: number };

@QueryHandler(ListOrganizations)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizations, OrganizationView[]> {
  constructor(@InjectModel(ORGANIZATION_SNAPSHOT) private readonly organizations: Model<OrganizationView & { _id: string }>) {}

  async execute({ filter }: ListOrganizations): Promise<OrganizationView[]> {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    return this.organizations.find(query, { _id: 0, lastEventAt: 0 }).sort({ name: 1 }).limit(1000).lean<OrganizationView[]>().exec();
  }
}

@QueryHandler(GetOrganization)
export class GetOrganizationHandler implements IQueryHandler<GetOrganization, OrganizationView | null> {
  constructor(@InjectModel(ORGANIZATION_SNAPSHOT) private readonly organizations: Model<OrganizationView & { _id: string }>) {}

  async execute({ organizationId }: GetOrganization): Promise<OrganizationView | null> {
    return this.organizations.findById(organizationId, { _id: 0, lastEventAt: 0 }).lean<OrganizationView>().exec();
  }
}
