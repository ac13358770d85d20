import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { AllianceFormed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideAllianceFormation } from '../../domain/alliance/alliance';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { chinaDate } from '../../domain/organization/common';
import type { Organization } from '../../domain/organization/organization';
import { Alliances, Jurisdictions, Organizations } from '../../infrastructure/aggregates';
import { IsCalendarDate, IsId } from '../shared/common.dto';

/** 成立党建联盟 */
export class FormAlliance {
  constructor(
    readonly request: { allianceId: string; name: string; foundingCommitteeId: string; zoneId: string | null; formedOn?: string },
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(FormAlliance)
export class FormAllianceHandler implements ICommandHandler<FormAlliance, Alliance> {
  constructor(
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context }: FormAlliance): Promise<Alliance> {
    const [founder, zone] = await Promise.all([
      this.organizations.load(request.foundingCommitteeId).then((l) => l.state),
      request.zoneId ? this.jurisdictions.load(request.zoneId).then((l) => l.state) : null,
    ]);
    const formedOn = request.formedOn ?? chinaDate(this.clock.now());
    const { state } = await this.alliances.decideAndSave(
      request.allianceId,
      (loaded) => ({ definition: AllianceFormed, data: decideAllianceFormation(loaded.state, founder, zone, { ...request, formedOn }) }),
      context,
    );
    return state;
  }
}

export class FormAllianceDto {
  @ApiPropertyOptional({ description: '联盟编号；不填则自动生成', example: 'alliance-taibailou' })
  @IsOptional()
  @IsId()
  allianceId?: string;

  @ApiProperty({ description: '联盟名称', example: '太白楼路商圈党建联盟' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiProperty({ description: '牵头的街道党工委编号', example: 'org-fuqiao-working-committee' })
  @IsId()
  foundingCommitteeId!: string;

  @ApiPropertyOptional({ description: '所在片区', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  zoneId?: string | null;

  @ApiPropertyOptional({ description: '成立日期（默认今天）' })
  @IsOptional()
  @IsCalendarDate()
  formedOn?: string;
}
