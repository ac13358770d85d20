import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StartupStatus, StartupStatusChanged } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideStartupStatus, Startup } from '../../domain/mentoring/mentoring';
import { StartupRepository } from '../../infrastructure/repositories';

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
  constructor(private readonly startups: StartupRepository) {}

  async execute({ startupId, status, changedOn, note, context }: ChangeStartupStatus): Promise<Startup> {
    const loaded = await this.startups.load(startupId);
    const data = decideStartupStatus(loaded.state, startupId, status, changedOn, note);
    const { state } = await this.startups.save(loaded, { definition: StartupStatusChanged, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } }, context);
    return state;
  }
}
