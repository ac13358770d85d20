import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { evolveOrganization, Organization } from '../../domain/organization/organization';
import { ORGANIZATION_SNAPSHOT } from './organization.snapshot';

@Injectable()
export class OrganizationRepository extends AggregateRepository<Organization> {
  constructor(
    @InjectModel(ORGANIZATION_SNAPSHOT) snapshots: Model<Organization & { _id: string; version: number; lastEventAt: Date }>,
    store: EventStore,
    catchUp: SnapshotCatchUp,
  ) {
    super(snapshots, store, { type: 'Organization', evolve: evolveOrganization });
    catchUp.register(this as unknown as AggregateRepository<object>);
  }
}
