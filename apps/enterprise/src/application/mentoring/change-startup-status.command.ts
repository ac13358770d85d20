import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { STARTUP_STATUSES, StartupStatus, StartupStatusChanged } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import { decideStartupStatus, Startup } from '../../domain/mentoring/mentoring';
import { Startups } from '../../infrastructure/aggregates';
import { DATE_MESSAGE, DATE_PATTERN, text } from '../shared/common.dto';

export class ChangeStartupStatus {
  constructor(
    readonly startupId: string,
    readonly status: StartupStatus,
    readonly changedOn: string,
    readonly note: string | null,
    readonly context: CommandContext,
  ) {}
}

/** 创业团队毕业、迁出或注销 */
@CommandHandler(ChangeStartupStatus)
export class ChangeStartupStatusHandler implements ICommandHandler<ChangeStartupStatus, Startup> {
  constructor(@InjectAggregate(Startups) private readonly startups: AggregateRepository<Startup>) {}

  async execute({ startupId, status, changedOn, note, context }: ChangeStartupStatus): Promise<Startup> {
    const { state } = await this.startups.decideAndSave(
      startupId,
      (loaded) => ({ definition: StartupStatusChanged, data: decideStartupStatus(loaded.state, startupId, status, changedOn, note) }),
      context,
    );
    return state;
  }
}

export class ChangeStartupStatusDto {
  @ApiProperty({ enum: STARTUP_STATUSES }) @IsIn(STARTUP_STATUSES, { message: `status 必须是以下之一：${STARTUP_STATUSES.join(', ')}` }) status!: StartupStatus;
  @ApiProperty({ example: '2026-12-01' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) changedOn!: string;
  @MultiLineText()
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'note 须为字符串' })
  @Length(1, 500, text('note', 500))
  note?: string | null;
}
