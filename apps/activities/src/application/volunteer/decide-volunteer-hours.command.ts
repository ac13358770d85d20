import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { VolunteerHoursApproved, VolunteerHoursRejected } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideApprove, decideReject, HoursClaim } from '../../domain/volunteer/hours-claim';
import { HoursClaims } from '../../infrastructure/aggregates';

/** 审核志愿时长: approve or reject */
export class DecideVolunteerHours {
  constructor(
    readonly claimId: string,
    readonly approve: boolean,
    readonly reason: string | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DecideVolunteerHours)
export class DecideVolunteerHoursHandler implements ICommandHandler<DecideVolunteerHours, HoursClaim> {
  constructor(@InjectAggregate(HoursClaims) private readonly claims: AggregateRepository<HoursClaim>) {}

  async execute({ claimId, approve, reason, context }: DecideVolunteerHours): Promise<HoursClaim> {
    const { state } = await this.claims.decideAndSave(
      claimId,
      (loaded) =>
        (approve
          ? { definition: VolunteerHoursApproved, data: decideApprove(loaded.state, claimId) }
          : { definition: VolunteerHoursRejected, data: decideReject(loaded.state, claimId, reason ?? '未说明理由') }) as never,
      context,
    );
    return state;
  }
}

export class RejectDto {
  @ApiProperty() @IsString({ message: 'reason 须为文本' }) @Length(1, 200, { message: 'reason 长度须在 1 到 200 之间' }) reason!: string;
}
