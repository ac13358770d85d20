import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
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
import { applyIfNewer } from '@pb/messaging';
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
    await applyIfNewer(this.activities, activityId, event.aggregateversion, { startsAt, endsAt, ...periodKeysOfInstant(startsAt), movedAtVersion: event.aggregateversion });
    await this.copyActivityToParticipants(activityId);
  }

  @EventPattern(ActivityCancelled.type)
  async activityCancelled(@Payload() event: EventEnvelope<{ activityId: string }>): Promise<void> {
    await applyIfNewer(this.activities, event.data.activityId, event.aggregateversion, { status: 'CANCELLED' });
    await this.copyActivityToParticipants(event.data.activityId);
  }

  @EventPattern(MemberSignedUp.type)
  async signedUp(@Payload() event: EventEnvelope<MemberSignedUpData>): Promise<void> {
    const { activityId, memberId, organizationId, waitlisted } = event.data;
    await this.participant(event, activityId, memberId, { organizationId, status: waitlisted ? 'WAITLISTED' : 'REGISTERED' });
    await this.recount(activityId);
  }

  @EventPattern(SignUpWithdrawn.type)
  async withdrawn(@Payload() event: EventEnvelope<SignUpWithdrawnData>): Promise<void> {
    const { activityId, memberId, promotedMemberId } = event.data;
    await this.participant(event, activityId, memberId, { status: 'WITHDRAWN' });
    if (promotedMemberId) await this.participant(event, activityId, promotedMemberId, { status: 'REGISTERED' });
    await this.recount(activityId);
  }

  @EventPattern(LeaveRequested.type)
  async onLeave(@Payload() event: EventEnvelope<LeaveRequestedData>): Promise<void> {
    const { activityId, memberId, promotedMemberId } = event.data;
    await this.participant(event, activityId, memberId, { status: 'ON_LEAVE' });
    if (promotedMemberId) await this.participant(event, activityId, promotedMemberId, { status: 'REGISTERED' });
    await this.recount(activityId);
  }

  @EventPattern(MemberCheckedIn.type)
  async checkedIn(@Payload() event: EventEnvelope<MemberCheckedInData>): Promise<void> {
    const { activityId, memberId, organizationId } = event.data;
    // A walk-in takes a free seat: registered from then on.
    await this.participant(event, activityId, memberId, { organizationId, status: 'REGISTERED', checkedIn: true });
    await this.recount(activityId);
  }

  @EventPattern(MemberCheckedOut.type)
  async checkedOut(@Payload() event: EventEnvelope<MemberCheckedOutData>): Promise<void> {
    const { activityId, memberId, volunteerHours } = event.data;
    await this.participant(event, activityId, memberId, { checkedIn: true, volunteerHours });
    await this.recount(activityId);
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

  /** One participant's line, guarded by the activity's version (the events are the activity's). */
  private async participant(event: EventEnvelope, activityId: string, memberId: string, set: Partial<ParticipationView>): Promise<void> {
    const id = participationId(activityId, memberId);
    await applyIfNewer(this.participations, id, event.aggregateversion, { activityId, memberId, ...set });
    const activity = await this.activities.findById(activityId).lean<ActivityView>().exec();
    if (activity?.districtId) await writeOnce(this.participations, id, activityFacts(activity));
  }

  /** Participants carry where and when their activity is, so member points need no join. */
  private async copyActivityToParticipants(activityId: string): Promise<void> {
    const activity = await this.activities.findById(activityId).lean<ActivityView>().exec();
    if (activity?.districtId) await this.participations.updateMany({ activityId }, { $set: activityFacts(activity) }).exec();
  }

  /** Expected, attended and credited hours, counted from the participation documents (never incremented). */
  private async recount(activityId: string): Promise<void> {
    const lines = await this.participations.find({ activityId }, { status: 1, checkedIn: 1, volunteerHours: 1 }).limit(20000).lean<ParticipationView[]>().exec();
    await writeOnce(this.activities, activityId, {
      expected: lines.filter((p) => p.status === 'REGISTERED' || p.status === 'ON_LEAVE').length,
      attended: lines.filter((p) => p.checkedIn).length,
      volunteerHours: lines.reduce((sum, p) => sum + (p.volunteerHours ?? 0), 0),
    });
  }
}

function activityFacts(a: ActivityView): Record<string, unknown> {
  return { activityStatus: a.status ?? null, districtId: a.districtId, subDistrictId: a.subDistrictId, zoneId: a.zoneId, year: a.year, quarter: a.quarter, month: a.month };
}
