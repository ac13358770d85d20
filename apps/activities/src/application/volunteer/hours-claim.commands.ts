import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { VolunteerHoursApproved, VolunteerHoursRejected, VolunteerHoursReported, VolunteerHoursReportedData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideApprove, decideReject, decideReport, HoursClaim } from '../../domain/volunteer/hours-claim';
import { HoursClaimRepository } from '../../infrastructure/snapshots/repositories';

const where = (c: { districtId: string; zoneId: string | null }) => ({ districtId: c.districtId, zoneId: c.zoneId ?? '' });

/** 申报志愿时长 */
export class ReportVolunteerHours {
  constructor(readonly data: VolunteerHoursReportedData, readonly context: CommandContext) {}
}

@CommandHandler(ReportVolunteerHours)
export class ReportVolunteerHoursHandler implements ICommandHandler<ReportVolunteerHours, HoursClaim> {
  constructor(private readonly claims: HoursClaimRepository, private readonly clock: Clock) {}

  async execute({ data, context }: ReportVolunteerHours): Promise<HoursClaim> {
    const loaded = await this.claims.load(data.claimId);
    const decided = decideReport(loaded.state, data, this.clock.now());
    return (await this.claims.save(loaded, { definition: VolunteerHoursReported, data: decided, jurisdiction: where(decided) }, context)).state;
  }
}

/** 审核志愿时长: approve or reject */
export class DecideVolunteerHours {
  constructor(readonly claimId: string, readonly approve: boolean, readonly reason: string | undefined, readonly context: CommandContext) {}
}

@CommandHandler(DecideVolunteerHours)
export class DecideVolunteerHoursHandler implements ICommandHandler<DecideVolunteerHours, HoursClaim> {
  constructor(private readonly claims: HoursClaimRepository) {}

  async execute({ claimId, approve, reason, context }: DecideVolunteerHours): Promise<HoursClaim> {
    const loaded = await this.claims.load(claimId);
    const event = approve
      ? { definition: VolunteerHoursApproved, data: decideApprove(loaded.state, claimId), jurisdiction: where(loaded.state!) }
      : { definition: VolunteerHoursRejected, data: decideReject(loaded.state, claimId, reason ?? '未说明理由'), jurisdiction: where(loaded.state!) };
    return (await this.claims.save(loaded, event as never, context)).state;
  }
}
