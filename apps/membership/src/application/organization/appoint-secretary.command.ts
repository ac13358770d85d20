import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { OrganizationSecretaryAppointed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import type { Member } from '../../domain/member/member';
import { decideSecretaryAppointment, Organization } from '../../domain/organization/organization';
import { Members, Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, IsCalendarDate, IsId } from '../shared/common.dto';

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
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute(c: AppointSecretary): Promise<Organization> {
    const on = c.appointedOn ?? chinaDate(this.clock.now());
    const [candidate] = await this.members.statesOf([c.secretaryMemberId]);
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({
        definition: OrganizationSecretaryAppointed,
        data: decideSecretaryAppointment(loaded.state, c.organizationId, c.secretaryMemberId, on, candidate ?? null),
      }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}

export class AppointSecretaryDto extends ExpectedVersionDto {
  @ApiProperty({ description: '书记的党员编号', example: 'mem-0001' })
  @IsId()
  secretaryMemberId!: string;

  @ApiPropertyOptional({ description: '任命日期（默认今天）', example: '2024-06-28' })
  @IsOptional()
  @IsCalendarDate()
  appointedOn?: string;
}
