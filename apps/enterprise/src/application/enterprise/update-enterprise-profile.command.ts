import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EnterpriseProfile, EnterpriseProfileUpdated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideProfileUpdate, Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';

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
  constructor(@InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>) {}

  async execute({ creditCode, profile, expectedVersion, context }: UpdateEnterpriseProfile): Promise<Enterprise> {
    const { state } = await this.enterprises.decideAndSave(
      creditCode,
      (loaded) => ({ definition: EnterpriseProfileUpdated, data: decideProfileUpdate(loaded.state, creditCode, profile) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}
