import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MemberSignedUp } from '@pb/contracts';
import { MemberPlacement } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideSignUp } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';

/** 报名 (capacity and waiting list are decided against one version of the activity; a lost race decides again). */
export class SignUp {
  constructor(
    readonly activityId: string,
    readonly member: MemberPlacement,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(SignUp)
export class SignUpHandler implements ICommandHandler<SignUp, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, member, context }: SignUp): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => ({ definition: MemberSignedUp, data: decideSignUp(loaded.state, activityId, member, this.clock.now()) }),
      context,
    );
    return state;
  }
}
