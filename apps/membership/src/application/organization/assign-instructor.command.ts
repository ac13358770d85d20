import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InstructorAssigned, InstructorUnassigned } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import { decideInstructorAssignment, decideInstructorUnassignment, Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { changeOrganization } from './organization-change';

/** 选派党建指导员 */
export class AssignInstructor {
  constructor(
    readonly organizationId: string,
    readonly instructorId: string,
    readonly name: string,
    readonly assignedOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

/** 撤回党建指导员 */
export class UnassignInstructor {
  constructor(
    readonly organizationId: string,
    readonly instructorId: string,
    readonly unassignedOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AssignInstructor)
export class AssignInstructorHandler implements ICommandHandler<AssignInstructor, Organization> {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  execute(c: AssignInstructor): Promise<Organization> {
    const on = c.assignedOn ?? chinaDate(this.clock.now());
    return changeOrganization(
      this.organizations,
      c.organizationId,
      InstructorAssigned,
      (state) => decideInstructorAssignment(state, c.organizationId, c.instructorId, c.name, on),
      undefined,
      c.context,
    );
  }
}

@CommandHandler(UnassignInstructor)
export class UnassignInstructorHandler implements ICommandHandler<UnassignInstructor, Organization> {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  execute(c: UnassignInstructor): Promise<Organization> {
    const on = c.unassignedOn ?? chinaDate(this.clock.now());
    return changeOrganization(
      this.organizations,
      c.organizationId,
      InstructorUnassigned,
      (state) => decideInstructorUnassignment(state, c.organizationId, c.instructorId, on),
      undefined,
      c.context,
    );
  }
}
