import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceCentreRegistered, ServiceCentreRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideCentreRegistration, ServiceCentre } from '../../domain/room/room';
import { ServiceCentres } from '../../infrastructure/aggregates';

/** 登记党群服务中心 */
export class RegisterServiceCentre {
  constructor(readonly data: ServiceCentreRegisteredData, readonly context: CommandContext) {}
}

@CommandHandler(RegisterServiceCentre)
export class RegisterServiceCentreHandler implements ICommandHandler<RegisterServiceCentre, ServiceCentre> {
  constructor(@InjectAggregate(ServiceCentres) private readonly centres: AggregateRepository<ServiceCentre>) {}

  async execute({ data, context }: RegisterServiceCentre): Promise<ServiceCentre> {
    const { state } = await this.centres.decideAndSave(
      data.centreId,
      (loaded) => ({ definition: ServiceCentreRegistered, data: decideCentreRegistration(loaded.state, data) }),
      context,
    );
    return state;
  }
}
