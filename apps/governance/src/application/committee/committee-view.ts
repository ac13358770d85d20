import { Model } from 'mongoose';
import { Committee, CommitteeMeeting, Resolution } from '../../domain/committee/committee';
import { FindCommitteeRecords } from './find-committee-records.query';

export type Doc<T> = T & { _id: string; version: number };
export const HIDDEN = { _id: 0, lastEventAt: 0 };

export function defined(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

export abstract class CommitteeReader {
  constructor(
    private readonly committees: Model<Doc<Committee>>,
    private readonly meetings: Model<Doc<CommitteeMeeting>>,
    private readonly resolutions: Model<Doc<Resolution>>,
  ) {}

  protected model(collection: FindCommitteeRecords['collection']): Model<Doc<object>> {
    return (collection === 'committees' ? this.committees : collection === 'meetings' ? this.meetings : this.resolutions) as unknown as Model<Doc<object>>;
  }
}
