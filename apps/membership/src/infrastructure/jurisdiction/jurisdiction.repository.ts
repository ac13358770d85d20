import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { evolveJurisdiction, Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { JURISDICTION_SNAPSHOT, JurisdictionDocument } from './jurisdiction.snapshot';

@Injectable()
export class JurisdictionRepository extends AggregateRepository<Jurisdiction> {
  constructor(@InjectModel(JURISDICTION_SNAPSHOT) snapshots: Model<JurisdictionDocument>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(snapshots, store, { type: 'Jurisdiction', evolve: evolveJurisdiction });
    catchUp.register(this as unknown as AggregateRepository<object>);
  }
}
