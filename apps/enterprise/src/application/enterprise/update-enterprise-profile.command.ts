import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EnterpriseProfile, EnterpriseProfileUpdated } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideProfileUpdate, Enterprise } from '../../domain/enterprise/enterprise';
import { EnterpriseRepository } from '../../infrastructure/repositories';

export class UpdateEnterpriseProfile {
  constructor(
    readonly creditCode: string,
    readonly profile: EnterpriseProfile,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(UpdateEnterpriseProfile)
export class UpdateEnterpriseProfileHandler implements ICommandHandler<UpdateEnterpriseProfile, Enterprise> {
  constructor(private readonly enterprises: EnterpriseRepository) {}

  async execute({ creditCode, profile, expectedVersion, context }: UpdateEnterpriseProfile): Promise<Enterprise> {
    const loaded = await this.enterprises.load(creditCode);
    const data = decideProfileUpdate(loaded.state, creditCode, profile);
    // A caller that read version N may only change version N: a stale edit is a 409.
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    const { state } = await this.enterprises.save(
      base,
      { definition: EnterpriseProfileUpdated, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } },
      context,
    );
    return state;
  }
}
