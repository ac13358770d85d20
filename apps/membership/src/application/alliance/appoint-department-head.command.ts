import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { AllianceDepartmentHeadAppointed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Member } from '../../domain/member/member';
import { Alliance, decideDepartmentHead } from '../../domain/alliance/alliance';
import { Alliances, Members } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, IsId } from '../shared/common.dto';

/** 任命部门负责人 */
export class AppointDepartmentHead {
  constructor(
    readonly allianceId: string,
    readonly departmentId: string,
    readonly headMemberId: string,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AppointDepartmentHead)
export class AppointDepartmentHeadHandler implements ICommandHandler<AppointDepartmentHead, Alliance> {
  constructor(
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
  ) {}

  async execute(c: AppointDepartmentHead): Promise<Alliance> {
    const [head] = await this.members.statesOf([c.headMemberId]);
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({
        definition: AllianceDepartmentHeadAppointed,
        data: decideDepartmentHead(loaded.state, c.allianceId, c.departmentId, c.headMemberId, head ?? null),
      }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}

export class AppointDepartmentHeadDto extends ExpectedVersionDto {
  @ApiProperty({ description: '部门负责人的党员编号' })
  @IsId()
  headMemberId!: string;
}
