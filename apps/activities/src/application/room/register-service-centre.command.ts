import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceCentreRegistered, ServiceCentreRegisteredData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideCentreRegistration, ServiceCentre } from '../../domain/room/room';
import { ServiceCentreRepository } from '../../infrastructure/snapshots/repositories';

/** 登记党群服务中心 */
export class RegisterServiceCentre {
  constructor(readonly data: ServiceCentreRegisteredData, readonly context: CommandContext) {}
}

@CommandHandler(RegisterServiceCentre)
export class RegisterServiceCentreHandler implements ICommandHandler<RegisterServiceCentre, ServiceCentre> {
  constructor(private readonly centres: ServiceCentreRepository) {}

  async execute({ data, context }: RegisterServiceCentre): Promise<ServiceCentre> {
    const loaded = await this.centres.load(data.centreId);
    const decided = decideCentreRegistration(loaded.state, data);
    return (await this.centres.save(loaded, { definition: ServiceCentreRegistered, data: decided, jurisdiction: { districtId: decided.districtId, zoneId: decided.zoneId ?? '' } }, context)).state;
  }
}
