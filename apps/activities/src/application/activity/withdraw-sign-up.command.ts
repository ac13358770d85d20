import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SignUpWithdrawn } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideWithdraw } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';

/** 取消报名 */
export class WithdrawSignUp {
  constructor(
    readonly activityId: string,
    readonly memberId: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(WithdrawSignUp)
export class WithdrawSignUpHandler implements ICommandHandler<WithdrawSignUp, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, memberId, context }: WithdrawSignUp): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: SignUpWithdrawn, data: decideWithdraw(loaded.state, activityId, memberId, this.clock.now()) }),
      context,
    );
    return state;
  }
}
