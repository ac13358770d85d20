import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StartupAdmitted } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideStartupAdmission, Startup } from '../../domain/mentoring/mentoring';
import { MakerSpaceRepository, StartupRepository } from '../../infrastructure/repositories';

export class AdmitStartup {
  constructor(
    readonly request: { startupId: string; makerSpaceId: string; name: string; field: string; teamSize: number; admittedOn: string },
    readonly context: CommandContext,
  ) {}
}

/** 创业团队入驻 */
@CommandHandler(AdmitStartup)
export class AdmitStartupHandler implements ICommandHandler<AdmitStartup, Startup> {
  constructor(
    private readonly startups: StartupRepository,
    private readonly spaces: MakerSpaceRepository,
  ) {}

  async execute({ request, context }: AdmitStartup): Promise<Startup> {
    const loaded = await this.startups.load(request.startupId);
    const data = decideStartupAdmission(loaded.state, (await this.spaces.load(request.makerSpaceId)).state, request);
    const { state } = await this.startups.save(loaded, { definition: StartupAdmitted, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
