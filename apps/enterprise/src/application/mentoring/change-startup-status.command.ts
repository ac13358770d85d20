import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StartupStatus, StartupStatusChanged } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideStartupStatus, Startup } from '../../domain/mentoring/mentoring';
import { Startups } from '../../infrastructure/aggregates';

export class ChangeStartupStatus {
  constructor(
    readonly startupId: string,
    readonly status: StartupStatus,
    readonly changedOn: string,
    readonly note: string | null,
    readonly context: CommandContext,
  ) {}
}

/** 创业团队毕业、迁出或注销 */
@CommandHandler(ChangeStartupStatus)
export class ChangeStartupStatusHandler implements ICommandHandler<ChangeStartupStatus, Startup> {
  constructor(@InjectAggregate(Startups) private readonly startups: AggregateRepository<Startup>) {}

  async execute({ startupId, status, changedOn, note, context }: ChangeStartupStatus): Promise<Startup> {
    const { state } = await this.startups.decideAndSave(
      startupId,
      (loaded) => ({ definition: StartupStatusChanged, data: decideStartupStatus(loaded.state, startupId, status, changedOn, note) }),
      context,
    );
    return state;
  }
}
