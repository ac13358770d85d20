import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrganizationTermStarted } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideTermStart, Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { changeOrganization } from './organization-change';

/** 换届: record the new term of office. */
export class StartTerm {
  constructor(
    readonly organizationId: string,
    readonly termStart: string,
    readonly termEnd: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(StartTerm)
export class StartTermHandler implements ICommandHandler<StartTerm, Organization> {
  constructor(private readonly organizations: OrganizationRepository) {}

  execute(c: StartTerm): Promise<Organization> {
    return changeOrganization(
      this.organizations,
      c.organizationId,
      OrganizationTermStarted,
      (state) => decideTermStart(state, c.organizationId, c.termStart, c.termEnd),
      c.expectedVersion,
      c.context,
    );
  }
}
