import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import { MemberCheckedOut } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Activity, decideCheckOut } from '../../domain/activity/activity';
import { Activities } from '../../infrastructure/aggregates';
import { MemberRefDto } from '../shared/common.dto';

/** 签退 */
export class CheckOut {
  constructor(
    readonly activityId: string,
    readonly memberId: string,
    readonly at: Date | null,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CheckOut)
export class CheckOutHandler implements ICommandHandler<CheckOut, Activity> {
  constructor(
    @InjectAggregate(Activities) private readonly activities: AggregateRepository<Activity>,
    private readonly clock: Clock,
  ) {}

  async execute({ activityId, memberId, at, context }: CheckOut): Promise<Activity> {
    const { state } = await this.activities.decideAndSave(
      activityId,
      (loaded) => {
        const now = this.clock.now();
        return { definition: MemberCheckedOut, data: decideCheckOut(loaded.state, activityId, memberId, at ?? now, now) };
      },
      context,
    );
    return state;
  }
}

export class CheckOutDto extends MemberRefDto {
  @ApiPropertyOptional({ description: '签退时间；补录时填写' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'at 须为 ISO 8601 时间' })
  at?: string;
}
