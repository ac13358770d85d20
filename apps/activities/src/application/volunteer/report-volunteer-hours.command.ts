import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { VolunteerHoursReported, VolunteerHoursReportedData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import { decideReport, HoursClaim } from '../../domain/volunteer/hours-claim';
import { HoursClaims } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 申报志愿时长 */
export class ReportVolunteerHours {
  constructor(
    readonly data: VolunteerHoursReportedData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ReportVolunteerHours)
export class ReportVolunteerHoursHandler implements ICommandHandler<ReportVolunteerHours, HoursClaim> {
  constructor(
    @InjectAggregate(HoursClaims) private readonly claims: AggregateRepository<HoursClaim>,
    private readonly clock: Clock,
  ) {}

  async execute({ data, context }: ReportVolunteerHours): Promise<HoursClaim> {
    const { state } = await this.claims.decideAndSave(
      data.claimId,
      (loaded) => ({ definition: VolunteerHoursReported, data: decideReport(loaded.state, data, this.clock.now()) }),
      context,
    );
    return state;
  }
}

export class ReportHoursDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) claimId?: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId!: string;
  @ApiProperty({ example: '2026-03-05' })
  @IsISO8601({ strict: true }, { message: 'servedOn 须为日期 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'servedOn 须为日期 YYYY-MM-DD' })
  servedOn!: string;
  @ApiProperty({ example: 3 }) @IsNumber({}, { message: 'hours 须为数字' }) @Min(0.5, { message: 'hours 最小为 0.5' }) @Max(12, { message: 'hours 最大为 12' }) hours!: number;
  @MultiLineText() @ApiProperty() @IsString({ message: 'description 须为文本' }) @Length(1, 500, { message: 'description 长度须在 1 到 500 之间' }) description!: string;
}
