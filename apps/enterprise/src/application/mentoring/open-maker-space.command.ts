import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MakerSpaceOpened } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { decideMakerSpace, MakerSpace } from '../../domain/mentoring/mentoring';
import { MakerSpaceRepository } from '../../infrastructure/repositories';

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
    private readonly spaces: MakerSpaceRepository,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: OpenMakerSpace): Promise<MakerSpace> {
    const loaded = await this.spaces.load(request.makerSpaceId);
    const data = decideMakerSpace(loaded.state, await this.membership.zone(request.zoneId), request);
    const { state } = await this.spaces.save(loaded, { definition: MakerSpaceOpened, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
