import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AllianceMemberJoined } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideJoin } from '../../domain/alliance/alliance';
import { chinaDate } from '../../domain/organization/common';
import type { Organization } from '../../domain/organization/organization';
import { Alliances, Organizations } from '../../infrastructure/aggregates';
import { IsCalendarDate, IsId } from '../shared/common.dto';

/** 成员单位加入联盟 */
export class JoinAlliance {
  constructor(
    readonly allianceId: string,
    readonly organizationId: string,
    readonly joinedOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(JoinAlliance)
export class JoinAllianceHandler implements ICommandHandler<JoinAlliance, Alliance> {
  constructor(
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly clock: Clock,
  ) {}

  async execute(c: JoinAlliance): Promise<Alliance> {
    const organization = (await this.organizations.load(c.organizationId)).state;
    const on = c.joinedOn ?? chinaDate(this.clock.now());
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({ definition: AllianceMemberJoined, data: decideJoin(loaded.state, c.allianceId, organization, c.organizationId, on) }),
      c.context,
    );
    return state;
  }
}

export class JoinAllianceDto {
  @ApiProperty({ description: '加入的党组织编号' })
  @IsId()
  organizationId!: string;

  @ApiPropertyOptional({ description: '加入日期（默认今天）' })
  @IsOptional()
  @IsCalendarDate()
  joinedOn?: string;
}
