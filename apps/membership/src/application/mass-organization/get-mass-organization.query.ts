import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { MassOrganization } from '../../domain/mass-organization/mass-organization';
import { MassOrganizations } from '../../infrastructure/aggregates';
import { MassOrganizationView } from './mass-organization-view';

export class GetMassOrganization {
  constructor(readonly massOrganizationId: string) {}
}

@QueryHandler(GetMassOrganization)
export class GetMassOrganizationHandler implements IQueryHandler<GetMassOrganization, MassOrganizationView | null> {
  constructor(@InjectSnapshots(MassOrganizations) private readonly massOrganizations: Model<Snapshot<MassOrganization>>) {}

  execute({ massOrganizationId }: GetMassOrganization): Promise<MassOrganizationView | null> {
    return this.massOrganizations.findById(massOrganizationId, { _id: 0, lastEventAt: 0 }).lean<MassOrganizationView>().exec();
  }
}
