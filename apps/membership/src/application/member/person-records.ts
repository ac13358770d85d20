import { Injectable } from '@nestjs/common';
import { EventDefinition } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { DomainError } from '@pb/platform/domain-error';
import type { Member } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';

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
  ): Promise<Member> {
    const { memberId } = data;
    await this.personal.claim(secrets.idNumber, memberId, async (holder) => (await this.members.statesOf([holder])).length > 0 || (await this.members.load(holder)).state !== null, now);
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
