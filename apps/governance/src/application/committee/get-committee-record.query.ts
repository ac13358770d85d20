import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Committee, CommitteeMeeting, Resolution } from '../../domain/committee/committee';
import { Committees, Meetings, Resolutions } from '../../infrastructure/aggregates';
import { CommitteeReader, Doc, HIDDEN } from './committee-view';

export class GetCommitteeRecord {
  constructor(
    readonly collection: 'committees' | 'meetings' | 'resolutions',
    readonly id: string,
  ) {}
}

@QueryHandler(GetCommitteeRecord)
export class GetCommitteeRecordHandler extends CommitteeReader implements IQueryHandler<GetCommitteeRecord> {
  constructor(
    @InjectSnapshots(Committees) committees: Model<Doc<Committee>>,
    @InjectSnapshots(Meetings) meetings: Model<Doc<CommitteeMeeting>>,
    @InjectSnapshots(Resolutions) resolutions: Model<Doc<Resolution>>,
  ) {
    super(committees, meetings, resolutions);
  }

  execute({ collection, id }: GetCommitteeRecord) {
    return this.model(collection).findById(id, HIDDEN).lean().exec();
  }
}
