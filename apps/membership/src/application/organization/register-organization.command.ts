import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideRegistration, Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';

export class RegisterOrganization {
  constructor(
    readonly data: OrganizationRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterOrganization)
export class RegisterOrganizationHandler implements ICommandHandler<RegisterOrganization, Organization> {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute({ data, context }: RegisterOrganization): Promise<Organization> {
    const loaded = await this.organizations.load(data.organizationId);
    const parent = data.parentId ? (await this.organizations.load(data.parentId)).state : null;
    const decided = decideRegistration(loaded.state, parent, data);
    const { state } = await this.organizations.save(
      loaded,
      {
        definition: OrganizationRegistered,
        data: decided,
        jurisdiction: { districtId: decided.districtId, zoneId: decided.zoneId ?? '' },
      },
      context,
    );
    return state;
  }
}
