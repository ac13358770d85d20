import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { evolveMassOrganization, MassOrganization } from '../../domain/mass-organization/mass-organization';
import { MASS_ORGANIZATION_SNAPSHOT, MassOrganizationDocument } from './mass-organization.snapshot';

@Injectable()
export class MassOrganizationRepository extends AggregateRepository<MassOrganization> {
  constructor(@InjectModel(MASS_ORGANIZATION_SNAPSHOT) snapshots: Model<MassOrganizationDocument>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(snapshots, store, { type: 'MassOrganization', evolve: evolveMassOrganization });
    catchUp.register(this as unknown as AggregateRepository<object>);
  }
}
