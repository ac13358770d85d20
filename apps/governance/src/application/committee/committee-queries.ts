import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Committee, CommitteeMeeting, Resolution } from '../../domain/committee/committee';
import { Committees, Meetings, Resolutions } from '../../infrastructure/aggregates';

type Doc<T> = T & { _id: string; version: number };
const HIDDEN = { _id: 0, lastEventAt: 0 };

function defined(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** What the committee pages read: committees, their meetings and resolutions (follow-ups open or done). */
export class FindCommitteeRecords {
  constructor(
    readonly collection: 'committees' | 'meetings' | 'resolutions',
    readonly filter: Record<string, unknown>,
    readonly limit = 200,
  ) {}
}

export class GetCommitteeRecord {
  constructor(
    readonly collection: 'committees' | 'meetings' | 'resolutions',
    readonly id: string,
  ) {}
}

abstract class CommitteeReader {
  constructor(
    private readonly committees: Model<Doc<Committee>>,
    private readonly meetings: Model<Doc<CommitteeMeeting>>,
    private readonly resolutions: Model<Doc<Resolution>>,
  ) {}

  protected model(collection: FindCommitteeRecords['collection']): Model<Doc<object>> {
    return (collection === 'committees' ? this.committees : collection === 'meetings' ? this.meetings : this.resolutions) as unknown as Model<Doc<object>>;
  }
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
