import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { AllianceDepartmentEstablished } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Member } from '../../domain/member/member';
import { Alliance, decideDepartment } from '../../domain/alliance/alliance';
import { Alliances, Members } from '../../infrastructure/aggregates';
import { IsId } from '../shared/common.dto';

/** 理事会设立部门 */
export class EstablishDepartment {
  constructor(
    readonly allianceId: string,
    readonly departmentId: string,
    readonly name: string,
    readonly headMemberId: string | null,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(EstablishDepartment)
export class EstablishDepartmentHandler implements ICommandHandler<EstablishDepartment, Alliance> {
  constructor(
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
  ) {}

  async execute(c: EstablishDepartment): Promise<Alliance> {
    const [head] = c.headMemberId ? await this.members.statesOf([c.headMemberId]) : [];
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({
        definition: AllianceDepartmentEstablished,
        data: decideDepartment(loaded.state, c.allianceId, c.departmentId, c.name, c.headMemberId, head ?? null),
      }),
      c.context,
    );
    return state;
  }
}

export class EstablishDepartmentDto {
  @ApiPropertyOptional({ description: '部门编号；不填则自动生成', example: 'office' })
  @IsOptional()
  @IsId()
  departmentId?: string;

  @ApiProperty({ description: '部门名称', example: '办公室' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '部门负责人的党员编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  headMemberId?: string | null;
}
