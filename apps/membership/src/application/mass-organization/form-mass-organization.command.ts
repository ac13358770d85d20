import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MassOrganizationFormed, MassOrganizationKind } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideMassOrganization, MassOrganization } from '../../domain/mass-organization/mass-organization';
import type { Organization } from '../../domain/organization/organization';
import { MassOrganizations, Organizations } from '../../infrastructure/aggregates';

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
    @InjectAggregate(MassOrganizations) private readonly massOrganizations: AggregateRepository<MassOrganization>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
  ) {}

  async execute({ request, context }: FormMassOrganization): Promise<MassOrganization> {
    const committee = (await this.organizations.load(request.jointCommitteeId)).state;
    const { state } = await this.massOrganizations.decideAndSave(
      request.massOrganizationId,
      (loaded) => ({ definition: MassOrganizationFormed, data: decideMassOrganization(loaded.state, committee, request) }),
      context,
    );
    return state;
  }
}
