import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { OrganizationTermStarted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideTermStart, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, IsCalendarDate } from '../shared/common.dto';

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
  constructor(@InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>) {}

  async execute(c: StartTerm): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({ definition: OrganizationTermStarted, data: decideTermStart(loaded.state, c.organizationId, c.termStart, c.termEnd) }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}

export class StartTermDto extends ExpectedVersionDto {
  @ApiProperty({ description: '本届任期开始日期', example: '2024-06-28' })
  @IsCalendarDate()
  termStart!: string;

  @ApiProperty({ description: '本届任期届满日期', example: '2027-06-27' })
  @IsCalendarDate()
  termEnd!: string;
}
