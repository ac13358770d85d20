import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationRenamed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideRename, Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';

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

  async execute({ organizationId, name, expectedVersion, context }: RenameOrganization): Promise<Organization> {
    const loaded = await this.organizations.load(organizationId);
    const data = decideRename(loaded.state, organizationId, name);
    // A caller that read version N may only change version N: a stale edit is a 409.
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    const { state } = await this.organizations.save(
      base,
      { definition: OrganizationRenamed, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId ?? '' } },
      context,
    );
    return state;
  }
}
