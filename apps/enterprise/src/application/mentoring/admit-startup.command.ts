import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StartupAdmitted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideStartupAdmission, MakerSpace, Startup } from '../../domain/mentoring/mentoring';
import { MakerSpaces, Startups } from '../../infrastructure/aggregates';

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
    @InjectAggregate(Startups) private readonly startups: AggregateRepository<Startup>,
    @InjectAggregate(MakerSpaces) private readonly spaces: AggregateRepository<MakerSpace>,
  ) {}

  async execute({ request, context }: AdmitStartup): Promise<Startup> {
    const space = (await this.spaces.load(request.makerSpaceId)).state;
    const { state } = await this.startups.decideAndSave(
      request.startupId,
      (loaded) => ({ definition: StartupAdmitted, data: decideStartupAdmission(loaded.state, space, request) }),
      context,
    );
    return state;
  }
}
