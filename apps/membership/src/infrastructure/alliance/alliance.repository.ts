import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { Alliance, evolveAlliance } from '../../domain/alliance/alliance';
import { ALLIANCE_SNAPSHOT, AllianceDocument } from './alliance.snapshot';

@Injectable()
export class AllianceRepository extends AggregateRepository<Alliance> {
  constructor(@InjectModel(ALLIANCE_SNAPSHOT) snapshots: Model<AllianceDocument>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(snapshots, store, { type: 'Alliance', evolve: evolveAlliance });
    catchUp.register(this as unknown as AggregateRepository<object>);
  }
}
