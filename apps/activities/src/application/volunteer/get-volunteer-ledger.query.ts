import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import type { Activity } from '../../domain/activity/activity';
import { localDateKey } from '../../domain/shared/time';
import type { HoursClaim } from '../../domain/volunteer/hours-claim';
import { Activities, HoursClaims } from '../../infrastructure/aggregates';
import { Doc } from '../shared/reads';

/** 志愿时长台账: credited hours from check-out of volunteer service plus approved self-reports. */
export class GetVolunteerLedger {
  constructor(readonly memberId: string) {}
}

@QueryHandler(GetVolunteerLedger)
export class GetVolunteerLedgerHandler implements IQueryHandler<GetVolunteerLedger> {
  constructor(
    @InjectSnapshots(Activities) private readonly activities: Model<Doc<Activity>>,
    @InjectSnapshots(HoursClaims) private readonly claims: Model<Doc<HoursClaim>>,
  ) {}

  async execute({ memberId }: GetVolunteerLedger) {
    const acts = await this.activities
      .find({ 'participants.memberId': memberId, kind: 'VOLUNTEER_SERVICE' }, { activityId: 1, title: 1, startsAt: 1, participants: 1 })
      .sort({ startsAt: -1 })
      .limit(2000)
      .lean<Doc<Activity>[]>()
      .exec();
    const fromActivities = acts
      .map((a) => ({ a, p: a.participants.find((p) => p.memberId === memberId) }))
      .filter(({ p }) => p && p.volunteerHours > 0)
      .map(({ a, p }) => ({ source: 'ACTIVITY' as const, activityId: a.activityId, title: a.title, date: localDateKey(new Date(a.startsAt)), hours: p!.volunteerHours }));
    const claims = await this.claims.find({ memberId }).sort({ servedOn: -1 }).limit(2000).lean<Doc<HoursClaim>[]>().exec();
    const fromClaims = claims.map((c) => ({ source: 'SELF_REPORTED' as const, claimId: c.claimId, title: c.description, date: c.servedOn, hours: c.hours, status: c.status }));
    const entries = [...fromActivities, ...fromClaims].sort((x, y) => y.date.localeCompare(x.date));
    const approved = fromClaims.filter((c) => c.status === 'APPROVED').reduce((s, c) => s + c.hours, 0);
    const credited = fromActivities.reduce((s, e) => s + e.hours, 0);
    return {
      memberId,
      totals: {
        fromActivities: credited,
        selfReportedApproved: approved,
        pending: fromClaims.filter((c) => c.status === 'PENDING').reduce((s, c) => s + c.hours, 0),
        total: credited + approved,
      },
      entries,
    };
  }
}
