import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ThreeInOneFormed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideThreeInOne, Organization, ThreeInOne } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { changeOrganization } from './organization-change';

/** 三位一体: record the units that make up a joint organization. */
export class RecordThreeInOne {
  constructor(
    readonly organizationId: string,
    readonly formation: ThreeInOne,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordThreeInOne)
export class RecordThreeInOneHandler implements ICommandHandler<RecordThreeInOne, Organization> {
  constructor(private readonly organizations: OrganizationRepository) {}

  execute(c: RecordThreeInOne): Promise<Organization> {
    return changeOrganization(
      this.organizations,
      c.organizationId,
      ThreeInOneFormed,
      (state) => decideThreeInOne(state, c.organizationId, c.formation),
      c.expectedVersion,
      c.context,
    );
  }
}
