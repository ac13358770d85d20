import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EnterpriseProfile, EnterpriseRegistered } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { decideEnterpriseRegistration, Enterprise } from '../../domain/enterprise/enterprise';
import { EnterpriseRepository } from '../../infrastructure/repositories';

export class RegisterEnterprise {
  constructor(
    readonly creditCode: string,
    readonly zoneId: string,
    readonly profile: EnterpriseProfile,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterEnterprise)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterprise, Enterprise> {
  constructor(
    private readonly enterprises: EnterpriseRepository,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ creditCode, zoneId, profile, context }: RegisterEnterprise): Promise<Enterprise> {
    const loaded = await this.enterprises.load(creditCode);
    const data = decideEnterpriseRegistration(loaded.state, await this.membership.zone(zoneId), { creditCode, zoneId, profile });
    const { state } = await this.enterprises.save(loaded, { definition: EnterpriseRegistered, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
