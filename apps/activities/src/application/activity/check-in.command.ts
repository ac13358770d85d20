import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Length } from 'class-validator';
import { MemberCheckedIn } from '@pb/contracts';
import { MemberPlacement } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideCheckIn } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { CheckInCodes } from '../../infrastructure/check-in-code';
import { MemberRefDto } from '../shared/common.dto';

/** 签到 */
export class CheckIn {
  constructor(
    readonly activityId: string,
    readonly member: MemberPlacement,
    readonly code: string,
    readonly at: Date | null,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CheckIn)
export class CheckInHandler implements ICommandHandler<CheckIn, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly codes: CheckInCodes,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, member, code, at, context }: CheckIn): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => {
        const now = this.clock.now();
        const matches = loaded.state ? this.codes.matches(activityId, loaded.state.checkInGeneration, code) : false;
        return { definition: MemberCheckedIn, data: decideCheckIn(loaded.state, activityId, member, matches, at ?? now, now) };
      },
      context,
    );
    return state;
  }
}

export class CheckInDto extends MemberRefDto {
  @ApiProperty({ description: '活动签到码（二维码内容）' })
  @IsString({ message: 'code 须为文本' })
  @Length(1, 32, { message: 'code 长度须在 1 到 32 之间' })
  code!: string;

  @ApiPropertyOptional({ description: '签到时间；补录时填写，不能晚于当前时间' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'at 须为 ISO 8601 时间' })
  at?: string;
}
