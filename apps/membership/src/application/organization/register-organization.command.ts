import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideRegistration, Organization } from '../../domain/organization/organization';
import { JurisdictionRepository } from '../../infrastructure/jurisdiction/jurisdiction.repository';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';

export class RegisterOrganization {
  constructor(
    readonly data: OrganizationRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterOrganization)
export class RegisterOrganizationHandler implements ICommandHandler<RegisterOrganization, Organization> {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly jurisdictions: JurisdictionRepository,
  ) {}

  async execute({ data, context }: RegisterOrganization): Promise<Organization> {
    const loaded = await this.organizations.load(data.organizationId);
    const [parent, subDistrict, zone] = await Promise.all([
      data.parentId ? this.organizations.load(data.parentId).then((l) => l.state) : null,
      this.jurisdictions.load(data.subDistrictId).then((l) => l.state),
      data.zoneId ? this.jurisdictions.load(data.zoneId).then((l) => l.state) : null,
    ]);
    const decided = decideRegistration(loaded.state, parent, data, { subDistrict, zone });
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
