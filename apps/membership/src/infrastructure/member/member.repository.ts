import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AggregateRepository, EventStore, SnapshotCatchUp } from '@pb/messaging';
import { findEach } from '@pb/platform/find-each';
import { evolveMember, Member } from '../../domain/member/member';
import { MEMBER_SNAPSHOT, MemberSnapshot } from './member.snapshot';

@Injectable()
export class MemberRepository extends AggregateRepository<Member> {
  constructor(@InjectModel(MEMBER_SNAPSHOT) private readonly memberSnapshots: Model<MemberSnapshot>, store: EventStore, catchUp: SnapshotCatchUp) {
    super(memberSnapshots, store, { type: 'Member', evolve: evolveMember });
    catchUp.register(this as unknown as AggregateRepository<object>);
  }

  /**
   * The member as its snapshot has it, without replaying the stream: enough to
   * refuse a duplicate registration early (the event store's unique index
   * still catches a race), and cheap on databases that scan the events
   * collection for anything but an _id lookup.
   */
  async snapshotOf(id: string): Promise<Member | null> {
    return this.memberSnapshots.findById(id, { _id: 0, version: 0, lastEventAt: 0 }).lean<Member>().exec();
  }

  /** Current states of several members at once (introducers, say), from their snapshots. */
  async findMany(ids: string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    return findEach(ids, (id) => this.memberSnapshots.findById(id, { _id: 0, version: 0, lastEventAt: 0 }).lean<Member>().exec());
  }
}
