import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InstructorUnassigned } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import { decideInstructorUnassignment, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';

/** 撤回党建指导员 */
export class UnassignInstructor {
  constructor(
    readonly organizationId: string,
    readonly instructorId: string,
    readonly unassignedOn: string | undefined,
    readonly context: CommandContext,
  ) {}
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
