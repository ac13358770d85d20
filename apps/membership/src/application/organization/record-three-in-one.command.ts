import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ThreeInOneFormed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideThreeInOne, Organization, ThreeInOne } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';

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
  constructor(@InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>) {}

  async execute(c: RecordThreeInOne): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({ definition: ThreeInOneFormed, data: decideThreeInOne(loaded.state, c.organizationId, c.formation) }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}
