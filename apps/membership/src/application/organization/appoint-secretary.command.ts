import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationSecretaryAppointed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import { decideSecretaryAppointment, Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { changeOrganization } from './organization-change';

/** 任命书记 */
export class AppointSecretary {
  constructor(
    readonly organizationId: string,
    readonly secretaryMemberId: string,
    readonly appointedOn: string | undefined,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AppointSecretary)
export class AppointSecretaryHandler implements ICommandHandler<AppointSecretary, Organization> {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  execute(c: AppointSecretary): Promise<Organization> {
    const on = c.appointedOn ?? chinaDate(this.clock.now());
    return changeOrganization(
      this.organizations,
      c.organizationId,
      OrganizationSecretaryAppointed,
      (state) => decideSecretaryAppointment(state, c.organizationId, c.secretaryMemberId, on),
      c.expectedVersion,
      c.context,
    );
  }
}
