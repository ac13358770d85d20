import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InstructorAssigned, InstructorUnassigned } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import { decideInstructorAssignment, decideInstructorUnassignment, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';

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
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly clock: Clock,
  ) {}

  async execute(c: AssignInstructor): Promise<Organization> {
    const on = c.assignedOn ?? chinaDate(this.clock.now());
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({ definition: InstructorAssigned, data: decideInstructorAssignment(loaded.state, c.organizationId, c.instructorId, c.name, on) }),
      c.context,
    );
    return state;
  }
}

@CommandHandler(UnassignInstructor)
export class UnassignInstructorHandler implements ICommandHandler<UnassignInstructor, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly clock: Clock,
  ) {}

  async execute(c: UnassignInstructor): Promise<Organization> {
    const on = c.unassignedOn ?? chinaDate(this.clock.now());
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({ definition: InstructorUnassigned, data: decideInstructorUnassignment(loaded.state, c.organizationId, c.instructorId, on) }),
      c.context,
    );
    return state;
  }
}
