import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Committee, CommitteeMeeting, Resolution } from '../../domain/committee/committee';
import { Committees, Meetings, Resolutions } from '../../infrastructure/aggregates';
import { CommitteeReader, defined, Doc, HIDDEN } from './committee-view';

/** What the committee pages read: committees, their meetings and resolutions (follow-ups open or done). */
export class FindCommitteeRecords {
  constructor(
    readonly collection: 'committees' | 'meetings' | 'resolutions',
    readonly filter: Record<string, unknown>,
    readonly limit = 200,
  ) {}
}

@QueryHandler(FindCommitteeRecords)
export class FindCommitteeRecordsHandler extends CommitteeReader implements IQueryHandler<FindCommitteeRecords> {
  constructor(
    @InjectSnapshots(Committees) committees: Model<Doc<Committee>>,
    @InjectSnapshots(Meetings) meetings: Model<Doc<CommitteeMeeting>>,
    @InjectSnapshots(Resolutions) resolutions: Model<Doc<Resolution>>,
  ) {
    super(committees, meetings, resolutions);
  }

  execute({ collection, filter, limit }: FindCommitteeRecords) {
    const sort: Record<string, 1 | -1> = collection === 'meetings' ? { scheduledAt: -1 } : { _id: 1 };
    return this.model(collection).find(defined(filter), HIDDEN).sort(sort).limit(limit).lean().exec();
  }
}
