import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MassOrganizationFormed, MassOrganizationKind } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideMassOrganization, MassOrganization } from '../../domain/mass-organization/mass-organization';
import { MassOrganizationRepository } from '../../infrastructure/mass-organization/mass-organization.repository';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';

/** 成立群团组织 */
export class FormMassOrganization {
  constructor(
    readonly request: { massOrganizationId: string; name: string; kind: MassOrganizationKind; jointCommitteeId: string },
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(FormMassOrganization)
export class FormMassOrganizationHandler implements ICommandHandler<FormMassOrganization, MassOrganization> {
  constructor(
    private readonly massOrganizations: MassOrganizationRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute({ request, context }: FormMassOrganization): Promise<MassOrganization> {
    const loaded = await this.massOrganizations.load(request.massOrganizationId);
    const committee = (await this.organizations.load(request.jointCommitteeId)).state;
    const data = decideMassOrganization(loaded.state, committee, request);
    const { state } = await this.massOrganizations.save(
      loaded,
      { definition: MassOrganizationFormed, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } },
      context,
    );
    return state;
  }
}
