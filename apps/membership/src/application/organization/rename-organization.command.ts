import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationRenamed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideRename, Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { changeOrganization } from './organization-change';

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
  constructor(private readonly organizations: OrganizationRepository) {}

  execute({ organizationId, name, expectedVersion, context }: RenameOrganization): Promise<Organization> {
    return changeOrganization(this.organizations, organizationId, OrganizationRenamed, (state) => decideRename(state, organizationId, name), expectedVersion, context);
  }
}
