import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceTargetsSet } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideServiceTargets, SERVICE_TARGETS_ID, ServiceTargets } from '../../domain/request/service-targets';
import { ServiceTargetsSettings } from '../../infrastructure/aggregates';

export class SetServiceTargets {
  constructor(
    readonly targets: ServiceTargets,
    readonly context: CommandContext,
  ) {}
}

/** 调整办理时限与节假日: applies to requests submitted afterwards. */
@CommandHandler(SetServiceTargets)
export class SetServiceTargetsHandler implements ICommandHandler<SetServiceTargets, ServiceTargets> {
  constructor(@InjectAggregate(ServiceTargetsSettings) private readonly repository: AggregateRepository<ServiceTargets>) {}

  async execute({ targets, context }: SetServiceTargets): Promise<ServiceTargets> {
    const { state } = await this.repository.decideAndSave(
      SERVICE_TARGETS_ID,
      (loaded) => ({ definition: ServiceTargetsSet, data: decideServiceTargets(loaded.state, targets) }),
      context,
    );
    return state;
  }
}
