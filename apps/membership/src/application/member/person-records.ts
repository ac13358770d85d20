import { Injectable } from '@nestjs/common';
import { EventDefinition } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Actor } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { type Member, requireMissing } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { IdNumberTaken, MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { idNumberTaken } from './member-access';
import { MemberView, toMemberView } from './member-view';

/**
 * Puts a new person on record: ID number claimed first (the city-wide
 * uniqueness guard), then the encrypted numbers, then the one event. If a
 * later step fails, the earlier ones are undone so the number is free again.
 *
 * Nothing is read first: the member id's own guards (the personal record's `_id`, the
 * stream's first version) refuse a member already on record, and only then is the member
 * read, for the message. A taken number is answered from its claim and the holder's snapshot.
 * The answer is built from what was written (as PresentMember would read it back).
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
  ): Promise<MemberView> {
    const { memberId } = data;
    // The holder's snapshot, once read to tell an abandoned claim from a member's: also what the 409 says.
    const seen: { holder?: Member | null } = {};
    try {
      await this.personal.claim(
        secrets.idNumber,
        memberId,
        async (holderId) => {
          const [holder = null] = await this.members.statesOf([holderId]);
          seen.holder = holder;
          return holder !== null || (await this.members.exists(holderId));
        },
        now,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'MEMBER_EXISTS') throw await this.memberExists(memberId, error);
      if (!(error instanceof IdNumberTaken)) throw error;
      const [known, own] = await Promise.all([
        seen.holder !== undefined ? seen.holder : this.members.statesOf([error.holderMemberId]).then(([h = null]) => h),
        this.members.statesOf([memberId]).then(([m = null]) => m),
      ]);
      // A member already on record under this id is told so first, as a registration of an existing member always was.
      if (own) requireMissing(own, memberId);
      const { reason, holderMemberId } = idNumberTaken(actor, known);
      throw new DomainError('conflict', 'ID_NUMBER_TAKEN', reason, holderMemberId ? { field: 'idNumber', memberId: holderMemberId } : { field: 'idNumber' });
    }
    let stored = false;
    try {
      await this.personal.store(memberId, secrets, now);
      stored = true;
      const { state, version } = await this.members.save({ id: memberId, state: null, version: 0 }, { definition, data }, context);
      // The answer is the snapshot just written and the numbers just sealed, numbers masked: nothing to read back.
      return toMemberView({ ...state, version }, secrets, false);
    } catch (error) {
      await this.personal.release(memberId, secrets.idNumber, stored).catch(() => undefined);
      if (error instanceof ConcurrencyConflictError) throw await this.memberExists(memberId, new DomainError('conflict', 'MEMBER_EXISTS', `党员 ${memberId} 已登记`, { memberId }));
      if (error instanceof DomainError && error.code === 'MEMBER_EXISTS') throw await this.memberExists(memberId, error);
      throw error;
    }
  }

  /** The 409 for a member id already on record, naming the member's stage where the snapshot says it. */
  private async memberExists(memberId: string, fallback: DomainError): Promise<DomainError> {
    const [existing] = await this.members.statesOf([memberId]);
    try {
      if (existing) requireMissing(existing, memberId);
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    return fallback;
  }
}
