import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LeaveRequested, MemberCheckedIn, MemberCheckedOut, MemberSignedUp, SignUpWithdrawn } from '@pb/contracts';
import { MemberPlacement, MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { Activity, decideCheckIn, decideCheckOut, decideLeave, decideSignUp, decideWithdraw } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { CheckInCodes } from '../../infrastructure/check-in-code';

export async function requireMember(views: MembershipReference, memberId: string): Promise<MemberPlacement> {
  const member = await views.member(memberId);
  if (!member) throw new DomainError('invalid', 'MEMBER_UNKNOWN', `党员 ${memberId} 不存在（或尚未同步）`, { memberId });
  return member;
}

/** 报名 (capacity and waiting list are decided against one version of the activity; a lost race decides again). */
export class SignUp {
  constructor(readonly activityId: string, readonly member: MemberPlacement, readonly context: CommandContext) {}
}

@CommandHandler(SignUp)
export class SignUpHandler implements ICommandHandler<SignUp, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly clock: Clock) {}

  async execute({ activityId, member, context }: SignUp): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: MemberSignedUp, data: decideSignUp(loaded.state, activityId, member, this.clock.now()) }),
      context,
    );
    return state;
  }
}

/** 取消报名 */
export class WithdrawSignUp {
  constructor(readonly activityId: string, readonly memberId: string, readonly context: CommandContext) {}
}

@CommandHandler(WithdrawSignUp)
export class WithdrawSignUpHandler implements ICommandHandler<WithdrawSignUp, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly clock: Clock) {}

  async execute({ activityId, memberId, context }: WithdrawSignUp): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: SignUpWithdrawn, data: decideWithdraw(loaded.state, activityId, memberId, this.clock.now()) }),
      context,
    );
    return state;
  }
}

/** 请假 */
export class RequestLeave {
  constructor(readonly activityId: string, readonly memberId: string, readonly reason: string, readonly context: CommandContext) {}
}

@CommandHandler(RequestLeave)
export class RequestLeaveHandler implements ICommandHandler<RequestLeave, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly clock: Clock) {}

  async execute({ activityId, memberId, reason, context }: RequestLeave): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: LeaveRequested, data: decideLeave(loaded.state, activityId, memberId, reason, this.clock.now()) }),
      context,
    );
    return state;
  }
}

/** 签到 */
export class CheckIn {
  constructor(readonly activityId: string, readonly member: MemberPlacement, readonly code: string, readonly at: Date | null, readonly context: CommandContext) {}
}

@CommandHandler(CheckIn)
export class CheckInHandler implements ICommandHandler<CheckIn, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly codes: CheckInCodes, private readonly clock: Clock) {}

  async execute({ activityId, member, code, at, context }: CheckIn): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => {
        const now = this.clock.now();
        const matches = loaded.state ? this.codes.matches(activityId, loaded.state.checkInGeneration, code) : false;
        return { definition: MemberCheckedIn, data: decideCheckIn(loaded.state, activityId, member, matches, at ?? now, now) };
      },
      context,
    );
    return state;
  }
}

/** 签退 */
export class CheckOut {
  constructor(readonly activityId: string, readonly memberId: string, readonly at: Date | null, readonly context: CommandContext) {}
}

@CommandHandler(CheckOut)
export class CheckOutHandler implements ICommandHandler<CheckOut, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>, private readonly clock: Clock) {}

  async execute({ activityId, memberId, at, context }: CheckOut): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => {
        const now = this.clock.now();
        return { definition: MemberCheckedOut, data: decideCheckOut(loaded.state, activityId, memberId, at ?? now, now) };
      },
      context,
    );
    return state;
  }
}
