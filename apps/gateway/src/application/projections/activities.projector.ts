import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKey } from '@pb/platform';
import {
  ActivityCancelled,
  ActivityPublished,
  ActivityRescheduled,
  ActivityRescheduledData,
  ActivityScheduled,
  ActivityScheduledData,
  EventEnvelope,
  LeaveRequested,
  LeaveRequestedData,
  MemberCheckedIn,
  MemberCheckedInData,
  MemberCheckedOut,
  MemberCheckedOutData,
  MemberSignedUp,
  MemberSignedUpData,
  OrganizationLifeOverdue,
  OrganizationLifeOverdueData,
  PledgeFulfilled,
  PledgeFulfilledData,
  PledgeLapsed,
  PledgeMade,
  PledgeMadeData,
  PointsRulesSet,
  PointsRulesSetData,
  SignUpWithdrawn,
  SignUpWithdrawnData,
  VolunteerHoursApproved,
  VolunteerHoursApprovedData,
  VolunteerHoursRejected,
  VolunteerHoursReported,
  VolunteerHoursReportedData,
} from '@pb/contracts';
import {
  applyIfNewer,
  creditPoints,
  MEMBER_POINTS_COUNTER,
  MemberPointsCounter,
  ORGANIZATION_POINTS_COUNTER,
  OrganizationPointsCounter,
  PointsCredit,
  pointsPeriodOfInstant,
} from '@pb/messaging';
import {
  ACTIVITY_VIEW,
  ActivityView,
  ORGANIZATION_LIFE_FINDING_VIEW,
  OrganizationLifeFindingView,
  PARTICIPATION_VIEW,
  ParticipationView,
  PLEDGE_VIEW,
  PledgeView,
  POINTS_RULES_VIEW,
  PointsRulesView,
  VOLUNTEER_CLAIM_VIEW,
  VolunteerClaimView,
} from '../../infrastructure/read-models/activity-views';
import { writeOnce } from '../../infrastructure/read-models/write-once';
import { periodKeysOfDate, periodKeysOfInstant } from '../queries/periods';

const participationId = (activityId: string, memberId: string) => `${activityId}:${memberId}`;

/**
 * Builds the activity, participation, volunteer-hours, pledge, 三会一课 finding
 * and points-rules views from activities' topic (活动共办 figures and ratings).
 */
@Controller()
export class ActivitiesProjector {
  constructor(
    @InjectModel(ACTIVITY_VIEW) private readonly activities: Model<ActivityView>,
    @InjectModel(PARTICIPATION_VIEW) private readonly participations: Model<ParticipationView>,
    @InjectModel(VOLUNTEER_CLAIM_VIEW) private readonly claims: Model<VolunteerClaimView>,
    @InjectModel(PLEDGE_VIEW) private readonly pledges: Model<PledgeView>,
    @InjectModel(ORGANIZATION_LIFE_FINDING_VIEW) private readonly findings: Model<OrganizationLifeFindingView>,
    @InjectModel(POINTS_RULES_VIEW) private readonly rules: Model<PointsRulesView>,
    @InjectModel(MEMBER_POINTS_COUNTER) private readonly memberCounters: Model<MemberPointsCounter>,
    @InjectModel(ORGANIZATION_POINTS_COUNTER) private readonly organizationCounters: Model<OrganizationPointsCounter>,
  ) {}

  @EventPattern(ActivityScheduled.type)
  async activityScheduled(@Payload() event: EventEnvelope<ActivityScheduledData>): Promise<void> {
    const d = event.data;
    const existing = await this.activities.findById(d.activityId, { movedAtVersion: 1 }).lean<ActivityView>().exec();
    // Its time is a fact until a reschedule moves it: a redelivered ActivityScheduled does not move it back.
    const time = existing?.movedAtVersion ? {} : { startsAt: d.startsAt, endsAt: d.endsAt, ...periodKeysOfInstant(d.startsAt) };
    await writeOnce(this.activities, d.activityId, {
      kind: d.kind,
      ...time,
      organizationId: d.organizerIds[0],
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
    });
    await applyIfNewer(this.activities, d.activityId, event.aggregateversion, { status: 'DRAFT' });
    await this.copyActivityToParticipants(d.activityId);
  }

  @EventPattern(ActivityPublished.type)
  async activityPublished(@Payload() event: EventEnvelope<{ activityId: string }>): Promise<void> {
    await applyIfNewer(this.activities, event.data.activityId, event.aggregateversion, { status: 'PUBLISHED' });
    await this.copyActivityToParticipants(event.data.activityId);
  }

  /** 活动改期: the newest move wins (version-guarded); participants take the new period keys. */
  @EventPattern(ActivityRescheduled.type)
  async activityRescheduled(@Payload() event: EventEnvelope<ActivityRescheduledData>): Promise<void> {
    const { activityId, startsAt, endsAt } = event.data;
    // Members checked in before the start keep their attendance, in the new month (before the view moves: a redelivery sees the old month again).
    const before = await this.activities.findById(activityId).lean<ActivityView>().exec();
    if (before?.startsAt && before.version < event.aggregateversion && before.status === 'PUBLISHED') {
      const moved = { ...before, startsAt };
      if (pointsPeriodOfInstant(before.startsAt).month !== pointsPeriodOfInstant(startsAt).month) {
        const lines = await this.checkedInLines(activityId);
        // Two facts of one event: each counter takes each once.
        await creditPoints(this.memberCounters, this.organizationCounters, `${event.id}:from`, this.creditsOf(before, lines, -1));
        await creditPoints(this.memberCounters, this.organizationCounters, `${event.id}:to`, this.creditsOf(moved, lines, 1));
      }
    }
    await applyIfNewer(this.activities, activityId, event.aggregateversion, { startsAt, endsAt, ...periodKeysOfInstant(startsAt), movedAtVersion: event.aggregateversion });
    await this.copyActivityToParticipants(activityId);
  }

  @EventPattern(ActivityCancelled.type)
  async activityCancelled(@Payload() event: EventEnvelope<{ activityId: string }>): Promise<void> {
    // A cancelled activity's attendances no longer count: taken back before the view says cancelled.
    const before = await this.activities.findById(event.data.activityId).lean<ActivityView>().exec();
    if (before?.startsAt && before.version < event.aggregateversion && before.status === 'PUBLISHED') {
      await creditPoints(this.memberCounters, this.organizationCounters, event.id, this.creditsOf(before, await this.checkedInLines(event.data.activityId), -1));
    }
    await applyIfNewer(this.activities, event.data.activityId, event.aggregateversion, { status: 'CANCELLED' });
    await this.copyActivityToParticipants(event.data.activityId);
  }

  @EventPattern(MemberSignedUp.type)
  async signedUp(@Payload() event: EventEnvelope<MemberSignedUpData>): Promise<void> {
    const { activityId, memberId, organizationId, waitlisted } = event.data;
    await this.participants(event, activityId, [[memberId, { organizationId, status: waitlisted ? 'WAITLISTED' : 'REGISTERED' }]]);
  }

  @EventPattern(SignUpWithdrawn.type)
  async withdrawn(@Payload() event: EventEnvelope<SignUpWithdrawnData>): Promise<void> {
    const { activityId, memberId, promotedMemberId } = event.data;
    await this.participants(event, activityId, [[memberId, { status: 'WITHDRAWN' }], ...promoted(promotedMemberId)]);
  }

  @EventPattern(LeaveRequested.type)
  async onLeave(@Payload() event: EventEnvelope<LeaveRequestedData>): Promise<void> {
    const { activityId, memberId, promotedMemberId } = event.data;
    await this.participants(event, activityId, [[memberId, { status: 'ON_LEAVE' }], ...promoted(promotedMemberId)]);
  }

  @EventPattern(MemberCheckedIn.type)
  async checkedIn(@Payload() event: EventEnvelope<MemberCheckedInData>): Promise<void> {
    const { activityId, memberId, organizationId } = event.data;
    await this.creditAttendance(event, activityId, { memberId, organizationId, volunteerHours: 0 }, { attended: 1 });
    // A walk-in takes a free seat: registered from then on.
    await this.participants(event, activityId, [[memberId, { organizationId, status: 'REGISTERED', checkedIn: true }]]);
  }

  @EventPattern(MemberCheckedOut.type)
  async checkedOut(@Payload() event: EventEnvelope<MemberCheckedOutData>): Promise<void> {
    const { activityId, memberId, volunteerHours } = event.data;
    const line = await this.participations.findById(participationId(activityId, memberId), { organizationId: 1 }).lean<ParticipationView>().exec();
    if (line?.organizationId) await this.creditAttendance(event, activityId, { memberId, organizationId: line.organizationId, volunteerHours: 0 }, { volunteerHours });
    await this.participants(event, activityId, [[memberId, { checkedIn: true, volunteerHours }]]);
  }

  @EventPattern(VolunteerHoursReported.type)
  async hoursReported(@Payload() event: EventEnvelope<VolunteerHoursReportedData>): Promise<void> {
    const d = event.data;
    await writeOnce(this.claims, d.claimId, {
      memberId: d.memberId,
      organizationId: d.organizationId,
      servedOn: d.servedOn,
      districtId: d.districtId,
      subDistrictId: d.subDistrictId,
      zoneId: d.zoneId,
      ...periodKeysOfDate(d.servedOn),
    });
    await applyIfNewer(this.claims, d.claimId, event.aggregateversion, { status: 'PENDING', hours: d.hours });
  }

  @EventPattern(VolunteerHoursApproved.type)
  async hoursApproved(@Payload() event: EventEnvelope<VolunteerHoursApprovedData>): Promise<void> {
    const claim = await this.claims.findById(event.data.claimId).lean<VolunteerClaimView>().exec();
    if (claim?.servedOn && claim.version < event.aggregateversion) {
      const { memberId, organizationId, districtId, subDistrictId, zoneId, servedOn } = claim;
      await creditPoints(this.memberCounters, this.organizationCounters, event.id, [
        { memberId, organizationId, districtId, subDistrictId, zoneId, month: servedOn, delta: { volunteerHours: event.data.hours } },
      ]);
    }
    await applyIfNewer(this.claims, event.data.claimId, event.aggregateversion, { status: 'APPROVED', hours: event.data.hours });
  }

  @EventPattern(VolunteerHoursRejected.type)
  async hoursRejected(@Payload() event: EventEnvelope<{ claimId: string }>): Promise<void> {
    await applyIfNewer(this.claims, event.data.claimId, event.aggregateversion, { status: 'REJECTED' });
  }

  @EventPattern(PledgeMade.type)
  async pledgeMade(@Payload() event: EventEnvelope<PledgeMadeData>): Promise<void> {
    const d = event.data;
    await writeOnce(this.pledges, d.pledgeId, { memberId: d.memberId, organizationId: d.organizationId, districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId });
    await applyIfNewer(this.pledges, d.pledgeId, event.aggregateversion, { status: 'MADE' });
  }

  @EventPattern(PledgeFulfilled.type)
  async pledgeFulfilled(@Payload() event: EventEnvelope<PledgeFulfilledData>): Promise<void> {
    const { pledgeId, fulfilledOn } = event.data;
    const pledge = await this.pledges.findById(pledgeId).lean<PledgeView>().exec();
    if (pledge?.memberId && pledge.version < event.aggregateversion) {
      const { memberId, organizationId, districtId, subDistrictId, zoneId } = pledge;
      await creditPoints(this.memberCounters, this.organizationCounters, event.id, [
        { memberId, organizationId, districtId, subDistrictId, zoneId, month: fulfilledOn, delta: { pledgesKept: 1 } },
      ]);
    }
    // Kept is final; the day it was kept decides the period it counts in.
    await writeOnce(this.pledges, pledgeId, { fulfilledOn, ...periodKeysOfDate(fulfilledOn) });
    await applyIfNewer(this.pledges, pledgeId, event.aggregateversion, { status: 'FULFILLED' });
  }

  @EventPattern(PledgeLapsed.type)
  async pledgeLapsed(@Payload() event: EventEnvelope<{ pledgeId: string }>): Promise<void> {
    await applyIfNewer(this.pledges, event.data.pledgeId, event.aggregateversion, { status: 'LAPSED' });
  }

  @EventPattern(OrganizationLifeOverdue.type)
  async organizationLifeOverdue(@Payload() event: EventEnvelope<OrganizationLifeOverdueData>): Promise<void> {
    const { organizationId, kind, period } = event.data;
    await applyIfNewer(this.findings, event.subject, event.aggregateversion, { organizationId, kind, period, year: period.slice(0, 4) });
  }

  @EventPattern(PointsRulesSet.type)
  async pointsRulesSet(@Payload() event: EventEnvelope<PointsRulesSetData>): Promise<void> {
    const { rulesId, ...rules } = event.data;
    await applyIfNewer(this.rules, rulesId, event.aggregateversion, rules);
  }

  /**
   * Participants' lines, each guarded by the activity's version (the events are the activity's),
   * and the activity's 应到 / 实到 / hours counters moved by what those lines change (no recount).
   *
   * The counters go first, guarded by the activity's `countedVersion`, then the lines: a stop in
   * between leaves the lines as they were, so the redelivered event finds the counters done and
   * writes the lines alone; a line that has seen this version already is left out of the counters
   * (redelivered or stale), as the line itself ignores it.
   */
  private async participants(event: EventEnvelope, activityId: string, changes: Array<[string, Partial<ParticipationView>]>): Promise<void> {
    const version = event.aggregateversion;
    const [activity, ...lines] = await Promise.all([
      this.activities.findById(activityId).lean<ActivityView>().exec(),
      ...changes.map(([memberId]) => this.participations.findById(participationId(activityId, memberId)).lean<ParticipationView>().exec()),
    ]);
    const applying = changes.filter((_, i) => (lines[i]?.version ?? 0) < version);
    const delta = { expected: 0, attended: 0, volunteerHours: 0 };
    changes.forEach(([, set], i) => {
      const before = lines[i];
      if ((before?.version ?? 0) >= version) return;
      const was = countsOf(before);
      const is = countsOf({ ...before, ...set });
      delta.expected += is.expected - was.expected;
      delta.attended += is.attended - was.attended;
      delta.volunteerHours += is.volunteerHours - was.volunteerHours;
    });
    if (applying.length === 0) return;
    await countOnce(this.activities, activityId, version, delta);
    const facts = activity?.districtId ? activityFacts(activity) : {};
    for (const [memberId, set] of applying) {
      await applyIfNewer(this.participations, participationId(activityId, memberId), version, { activityId, memberId, ...set, ...facts });
    }
  }

  /**
   * 积分计数: an attendance or its hours counted for the member and their organization in the
   * activity's place and month. Check-in and check-out happen only while it is published.
   */
  private async creditAttendance(event: EventEnvelope, activityId: string, line: CheckedInLine, delta: PointsCredit['delta']): Promise<void> {
    const activity = await this.activities.findById(activityId).lean<ActivityView>().exec();
    if (!activity?.startsAt) return;
    await creditPoints(this.memberCounters, this.organizationCounters, event.id, this.creditsOf(activity, [line], 1, delta));
  }

  /** The checked-in participants of an activity, with their credited hours. */
  private async checkedInLines(activityId: string): Promise<CheckedInLine[]> {
    const lines = await this.participations.find({ activityId, checkedIn: true }, { memberId: 1, organizationId: 1, volunteerHours: 1 }).lean<ParticipationView[]>().exec();
    return lines.filter((l) => l.organizationId).map((l) => ({ memberId: l.memberId, organizationId: l.organizationId!, volunteerHours: l.volunteerHours ?? 0 }));
  }

  /** Credits (sign +1) or takes back (-1) these participants' attendance and hours in the activity's month. */
  private creditsOf(activity: ActivityView, lines: CheckedInLine[], sign: 1 | -1, delta?: PointsCredit['delta']): PointsCredit[] {
    const { month } = pointsPeriodOfInstant(activity.startsAt);
    return lines.map((l) => ({
      memberId: l.memberId,
      organizationId: l.organizationId,
      districtId: activity.districtId,
      subDistrictId: activity.subDistrictId,
      zoneId: activity.zoneId ?? null,
      month,
      delta: delta ?? { attended: sign, volunteerHours: sign * l.volunteerHours },
    }));
  }

  /** Participants carry where and when their activity is, so member points need no join. */
  private async copyActivityToParticipants(activityId: string): Promise<void> {
    const activity = await this.activities.findById(activityId).lean<ActivityView>().exec();
    if (activity?.districtId) await this.participations.updateMany({ activityId }, { $set: activityFacts(activity) }).exec();
  }
}

interface CheckedInLine {
  memberId: string;
  organizationId: string;
  volunteerHours: number;
}

const promoted = (memberId: string | null): Array<[string, Partial<ParticipationView>]> => (memberId ? [[memberId, { status: 'REGISTERED' }]] : []);

/** What one line adds to its activity's figures: 应到 (registered or on leave), 实到 (checked in) and credited hours. */
function countsOf(line: Partial<ParticipationView> | null | undefined): { expected: number; attended: number; volunteerHours: number } {
  return {
    expected: line?.status === 'REGISTERED' || line?.status === 'ON_LEAVE' ? 1 : 0,
    attended: line?.checkedIn ? 1 : 0,
    volunteerHours: line?.volunteerHours ?? 0,
  };
}

/**
 * Moves an activity's counters by one event's delta, once: only while the activity's counters have
 * not seen this version (a view counted before counters existed has no `countedVersion` yet).
 */
async function countOnce(activities: Model<ActivityView>, activityId: string, version: number, delta: { expected: number; attended: number; volunteerHours: number }): Promise<void> {
  const filter = { _id: activityId, $or: [{ countedVersion: { $lt: version } }, { countedVersion: { $exists: false } }] };
  try {
    await activities.updateOne(filter as never, { $inc: delta, $set: { countedVersion: version }, $setOnInsert: { version: 0 } } as never, { upsert: true }).exec();
  } catch (error) {
    // The activity's counters have seen this version: nothing to count.
    if (!isDuplicateKey(error)) throw error;
  }
}

function activityFacts(a: ActivityView): Record<string, unknown> {
  return { activityStatus: a.status ?? null, districtId: a.districtId, subDistrictId: a.subDistrictId, zoneId: a.zoneId, year: a.year, quarter: a.quarter, month: a.month };
}
