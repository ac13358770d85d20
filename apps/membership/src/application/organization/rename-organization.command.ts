import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationRenamed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideRename, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';

export class RenameOrganization {
  constructor(
    readonly organizationId: string,
    readonly name: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RenameOrganization)
export class RenameOrganizationHandler implements ICommandHandler<RenameOrganization, Organization> {
  constructor(@InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>) {}

  async execute({ organizationId, name, expectedVersion, context }: RenameOrganization): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      organizationId,
      (loaded) => ({ definition: OrganizationRenamed, data: decideRename(loaded.state, organizationId, name) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}
