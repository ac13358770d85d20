import { Injectable } from '@nestjs/common';
import { EventDefinition } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { IdNumberTaken, MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { idNumberTaken } from './member-access';

/**
 * Puts a new person on record: ID number claimed first (the city-wide
 * uniqueness guard), then the encrypted numbers, then the one event. If a
 * later step fails, the earlier ones are undone so the number is free again.
 */
@Injectable()
export class PersonRecords {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly personal: MemberPersonalData,
  ) {}

  async create<T extends { memberId: string }>(
    definition: EventDefinition<T> & { type: string },
    data: T,
    secrets: { idNumber: string; phone: string },
    context: CommandContext,
    now: Date,
    actor: Actor,
  ): Promise<Member> {
    const { memberId } = data;
    try {
      await this.personal.claim(
        secrets.idNumber,
        memberId,
        async (holder) => (await this.members.statesOf([holder])).length > 0 || (await this.members.load(holder)).state !== null,
        now,
      );
    } catch (error) {
      if (!(error instanceof IdNumberTaken)) throw error;
      const [holder = null] = await this.members.statesOf([error.holderMemberId]);
      const { reason, holderMemberId } = idNumberTaken(actor, holder);
      throw new DomainError('conflict', 'ID_NUMBER_TAKEN', reason, holderMemberId ? { field: 'idNumber', memberId: holderMemberId } : { field: 'idNumber' });
    }
    let stored = false;
    try {
      await this.personal.store(memberId, secrets, now);
      stored = true;
      const { state } = await this.members.save({ id: memberId, state: null, version: 0 }, { definition, data }, context);
      return state;
    } catch (error) {
      await this.personal.release(memberId, secrets.idNumber, stored).catch(() => undefined);
      if (error instanceof ConcurrencyConflictError) throw new DomainError('conflict', 'MEMBER_EXISTS', `党员 ${memberId} 已登记`, { memberId });
      throw error;
    }
  }
}
