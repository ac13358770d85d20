import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceTargetsSet } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideServiceTargets, SERVICE_TARGETS_ID, ServiceTargets } from '../../domain/request/service-targets';
import { ServiceTargetsRepository } from '../../infrastructure/repositories';

export class SetServiceTargets {
  constructor(
    readonly targets: ServiceTargets,
    readonly context: CommandContext,
  ) {}
}

/** 调整办理时限与节假日: applies to requests submitted afterwards. */
@CommandHandler(SetServiceTargets)
export class SetServiceTargetsHandler implements ICommandHandler<SetServiceTargets, ServiceTargets> {
  constructor(private readonly repository: ServiceTargetsRepository) {}

  async execute({ targets, context }: SetServiceTargets): Promise<ServiceTargets> {
    const loaded = await this.repository.load(SERVICE_TARGETS_ID);
    const data = decideServiceTargets(loaded.state, targets);
    const { state } = await this.repository.save(loaded, { definition: ServiceTargetsSet, data, jurisdiction: { districtId: '', zoneId: '' } }, context);
    return state;
  }
}
