import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Organizations } from '../../infrastructure/aggregates';
import { OrganizationView } from './organization-view';

export class GetOrganization {
  constructor(readonly organizationId: string) {}
}

@QueryHandler(GetOrganization)
export class GetOrganizationHandler implements IQueryHandler<GetOrganization, OrganizationView | null> {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<OrganizationView & { _id: string }>) {}

  async execute({ organizationId }: GetOrganization): Promise<OrganizationView | null> {
    return this.organizations.findById(organizationId, { _id: 0, lastEventAt: 0 }).lean<OrganizationView>().exec();
  }
}
