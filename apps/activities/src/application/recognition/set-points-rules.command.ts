import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, Max, Min } from 'class-validator';
import { PointsRulesSet, PointsRulesSetData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decidePointsRules, PointsRules } from '../../domain/recognition/recognition';
import { PointsRulesSets } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';

/** 设定积分规则 (one city-wide rule set; each change is a new version) */
export class SetPointsRules {
  constructor(
    readonly data: PointsRulesSetData,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(SetPointsRules)
export class SetPointsRulesHandler implements ICommandHandler<SetPointsRules, PointsRules> {
  constructor(@InjectAggregate(PointsRulesSets) private readonly rules: AggregateRepository<PointsRules>) {}

  async execute({ data, expectedVersion, context }: SetPointsRules): Promise<PointsRules> {
    const { state } = await this.rules.decideAndSave(data.rulesId, () => ({ definition: PointsRulesSet, data: decidePointsRules(data) }), context, { expectedVersion });
    return state;
  }
}

export class PointsRulesDto extends ExpectedVersionDto {
  @ApiProperty()
  @IsNumber({}, { message: 'attendancePoints 须为数字' })
  @Min(0, { message: 'attendancePoints 不能为负' })
  @Max(100, { message: 'attendancePoints 最大为 100' })
  attendancePoints!: number;
  @ApiProperty()
  @IsNumber({}, { message: 'volunteerHourPoints 须为数字' })
  @Min(0, { message: 'volunteerHourPoints 不能为负' })
  @Max(100, { message: 'volunteerHourPoints 最大为 100' })
  volunteerHourPoints!: number;
  @ApiProperty()
  @IsNumber({}, { message: 'pledgeKeptPoints 须为数字' })
  @Min(0, { message: 'pledgeKeptPoints 不能为负' })
  @Max(100, { message: 'pledgeKeptPoints 最大为 100' })
  pledgeKeptPoints!: number;
  @ApiProperty({ type: [Number] })
  @IsArray({ message: 'starThresholds 须为数组' })
  @ArrayMinSize(5, { message: 'starThresholds 须为 5 个数' })
  @ArrayMaxSize(5, { message: 'starThresholds 须为 5 个数' })
  @IsNumber({}, { each: true, message: 'starThresholds 每一项须为数字' })
  @Min(0, { each: true, message: 'starThresholds 不能为负' })
  @Max(100000, { each: true, message: 'starThresholds 过大' })
  starThresholds!: number[];
  @ApiProperty()
  @IsNumber({}, { message: 'flagAveragePoints 须为数字' })
  @Min(0, { message: 'flagAveragePoints 不能为负' })
  @Max(100000, { message: 'flagAveragePoints 过大' })
  flagAveragePoints!: number;
}
