import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EnterpriseProfile, EnterpriseRegistered } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideEnterpriseRegistration, Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';

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
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ creditCode, zoneId, profile, context }: RegisterEnterprise): Promise<Enterprise> {
    const zone = await this.membership.zone(zoneId);
    const { state } = await this.enterprises.decideAndSave(
      creditCode,
      (loaded) => ({ definition: EnterpriseRegistered, data: decideEnterpriseRegistration(loaded.state, zone, { creditCode, zoneId, profile }) }),
      context,
    );
    return state;
  }
}
