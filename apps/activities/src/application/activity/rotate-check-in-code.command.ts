import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CheckInCodeRotated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Activity, decideRotateCode } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';

/** 更换签到码 */
export class RotateCheckInCode {
  constructor(
    readonly activityId: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RotateCheckInCode)
export class RotateCheckInCodeHandler implements ICommandHandler<RotateCheckInCode, Activity> {
  constructor(@InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>) {}

  async execute({ activityId, context }: RotateCheckInCode): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(activityId, (loaded) => ({ definition: CheckInCodeRotated, data: decideRotateCode(loaded.state, activityId) }), context);
    return state;
  }
}
