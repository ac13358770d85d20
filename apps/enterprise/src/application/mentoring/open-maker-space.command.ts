import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MakerSpaceOpened } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideMakerSpace, MakerSpace } from '../../domain/mentoring/mentoring';
import { MakerSpaces } from '../../infrastructure/aggregates';

export class OpenMakerSpace {
  constructor(
    readonly request: { makerSpaceId: string; name: string; operator: string; description: string; zoneId: string },
    readonly context: CommandContext,
  ) {}
}

/** 众创空间登记 */
@CommandHandler(OpenMakerSpace)
export class OpenMakerSpaceHandler implements ICommandHandler<OpenMakerSpace, MakerSpace> {
  constructor(
    @InjectAggregate(MakerSpaces) private readonly spaces: AggregateRepository<MakerSpace>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: OpenMakerSpace): Promise<MakerSpace> {
    const zone = await this.membership.zone(request.zoneId);
    const { state } = await this.spaces.decideAndSave(
      request.makerSpaceId,
      (loaded) => ({ definition: MakerSpaceOpened, data: decideMakerSpace(loaded.state, zone, request) }),
      context,
    );
    return state;
  }
}
