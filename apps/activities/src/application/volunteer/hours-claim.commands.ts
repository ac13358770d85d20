import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { VolunteerHoursApproved, VolunteerHoursRejected, VolunteerHoursReported, VolunteerHoursReportedData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideApprove, decideReject, decideReport, HoursClaim } from '../../domain/volunteer/hours-claim';
import { HoursClaims } from '../../infrastructure/aggregates';

/** 申报志愿时长 */
export class ReportVolunteerHours {
  constructor(readonly data: VolunteerHoursReportedData, readonly context: CommandContext) {}
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

/** 审核志愿时长: approve or reject */
export class DecideVolunteerHours {
  constructor(readonly claimId: string, readonly approve: boolean, readonly reason: string | undefined, readonly context: CommandContext) {}
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
