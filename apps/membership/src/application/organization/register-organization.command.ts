import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationRegistered, OrganizationRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { decideRegistration, Organization } from '../../domain/organization/organization';
import { Jurisdictions, Organizations } from '../../infrastructure/aggregates';

export class RegisterOrganization {
  constructor(
    readonly data: OrganizationRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterOrganization)
export class RegisterOrganizationHandler implements ICommandHandler<RegisterOrganization, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>,
  ) {}

  async execute({ data, context }: RegisterOrganization): Promise<Organization> {
    const [parent, subDistrict, zone] = await Promise.all([
      data.parentId ? this.organizations.load(data.parentId).then((l) => l.state) : null,
      this.jurisdictions.load(data.subDistrictId).then((l) => l.state),
      data.zoneId ? this.jurisdictions.load(data.zoneId).then((l) => l.state) : null,
    ]);
    const { state } = await this.organizations.decideAndSave(
      data.organizationId,
      (loaded) => ({ definition: OrganizationRegistered, data: decideRegistration(loaded.state, parent, data, { subDistrict, zone }) }),
      context,
    );
    return state;
  }
}
