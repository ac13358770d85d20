import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  ActivityRescheduled,
  ActivityScheduled,
  ActivityScheduledData,
  EventEnvelope,
  MemberCheckedIn,
  MemberCheckedInData,
  MemberCheckedOut,
  MemberCheckedOutData,
  PledgeFulfilledData,
  VolunteerHoursApprovedData,
} from '@pb/contracts';
import {
  creditPoints,
  InjectSnapshots,
  MEMBER_POINTS_COUNTER,
  MemberPointsCounter,
  ORGANIZATION_POINTS_COUNTER,
  OrganizationPointsCounter,
  PointsCredit,
  pointsPeriodOfInstant,
  STORED_EVENT_MODEL,
  StoredEvent,
} from '@pb/messaging';
import type { Pledge } from '../../domain/pledge/pledge';
import type { HoursClaim } from '../../domain/volunteer/hours-claim';
import { HoursClaims, Pledges } from '../../infrastructure/aggregates';
import { Doc } from '../shared/reads';

/** Where and when an activity was at one version, and who had checked in by then. */
interface ActivityAt {
  place: { districtId: string; subDistrictId: string; zoneId: string | null };
  startsAt: string;
  lines: Map<string, { organizationId: string; volunteerHours: number }>;
}

/**
 * 积分计数: keeps the member and organization counters (libs/messaging points-counters) from
 * this service's own topic, each event counted once (by its id) however often it is delivered.
 * An activity's time and check-ins are read from its stream up to the event's version, never from
 * the snapshot: the snapshot may already be later (a reschedule after a check-in would otherwise
 * count the attendance in the new month twice).
 */
@Injectable()
export class PointsCounting {
  constructor(
    @InjectModel(MEMBER_POINTS_COUNTER) private readonly members: Model<MemberPointsCounter>,
    @InjectModel(ORGANIZATION_POINTS_COUNTER) private readonly organizations: Model<OrganizationPointsCounter>,
    @InjectModel(STORED_EVENT_MODEL) private readonly events: Model<StoredEvent>,
    @InjectSnapshots(HoursClaims) private readonly claims: Model<Doc<HoursClaim>>,
    @InjectSnapshots(Pledges) private readonly pledges: Model<Doc<Pledge>>,
  ) {}

  async checkedIn(event: EventEnvelope<MemberCheckedInData>): Promise<void> {
    const a = await this.activityAt(event.data.activityId, event.aggregateversion, false);
    if (!a) return;
    await this.credit(event.id, [this.creditOf(a, a.startsAt, event.data.memberId, event.data.organizationId, { attended: 1 })]);
  }

  async checkedOut(event: EventEnvelope<MemberCheckedOutData>): Promise<void> {
    const a = await this.activityAt(event.data.activityId, event.aggregateversion, true);
    const line = a?.lines.get(event.data.memberId);
    if (!a || !line) return;
    await this.credit(event.id, [this.creditOf(a, a.startsAt, event.data.memberId, line.organizationId, { volunteerHours: event.data.volunteerHours })]);
  }

  /** A cancelled activity's attendances and hours no longer count. */
  async cancelled(event: EventEnvelope<{ activityId: string }>): Promise<void> {
    const a = await this.activityAt(event.data.activityId, event.aggregateversion, true);
    if (!a) return;
    await this.credit(event.id, this.takeBack(a, a.startsAt, -1));
  }

  /** Members checked in before the start keep their attendance, in the month it moved to. */
  async rescheduled(event: EventEnvelope<{ activityId: string; startsAt: string }>): Promise<void> {
    const before = await this.activityAt(event.data.activityId, event.aggregateversion - 1, true);
    if (!before || before.lines.size === 0) return;
    if (pointsPeriodOfInstant(before.startsAt).month === pointsPeriodOfInstant(event.data.startsAt).month) return;
    // Two facts of one event: each counter takes each once.
    await this.credit(`${event.id}:from`, this.takeBack(before, before.startsAt, -1));
    await this.credit(`${event.id}:to`, this.takeBack(before, event.data.startsAt, 1));
  }

  async hoursApproved(event: EventEnvelope<VolunteerHoursApprovedData>): Promise<void> {
    const claim = await this.claims.findById(event.data.claimId).lean<Doc<HoursClaim>>().exec();
    if (!claim) return;
    const { memberId, organizationId, districtId, subDistrictId, zoneId, servedOn } = claim;
    await this.credit(event.id, [{ memberId, organizationId, districtId, subDistrictId, zoneId: zoneId ?? null, month: servedOn, delta: { volunteerHours: event.data.hours } }]);
  }

  async pledgeFulfilled(event: EventEnvelope<PledgeFulfilledData>): Promise<void> {
    const pledge = await this.pledges.findById(event.data.pledgeId).lean<Doc<Pledge>>().exec();
    if (!pledge) return;
    const { memberId, organizationId, districtId, subDistrictId, zoneId } = pledge;
    await this.credit(event.id, [{ memberId, organizationId, districtId, subDistrictId, zoneId: zoneId ?? null, month: event.data.fulfilledOn, delta: { pledgesKept: 1 } }]);
  }

  private credit(appliedId: string, credits: PointsCredit[]): Promise<void> {
    return creditPoints(this.members, this.organizations, appliedId, credits);
  }

  private creditOf(a: ActivityAt, startsAt: string, memberId: string, organizationId: string, delta: PointsCredit['delta']): PointsCredit {
    return { memberId, organizationId, ...a.place, month: pointsPeriodOfInstant(startsAt).month, delta };
  }

  private takeBack(a: ActivityAt, startsAt: string, sign: 1 | -1): PointsCredit[] {
    return [...a.lines].map(([memberId, l]) => this.creditOf(a, startsAt, memberId, l.organizationId, { attended: sign, volunteerHours: sign * l.volunteerHours }));
  }

  /** The activity as its stream had it at `version` (its time; with `withLines`, who had checked in and their hours). */
  private async activityAt(activityId: string, version: number, withLines: boolean): Promise<ActivityAt | null> {
    const types = [ActivityScheduled.type, ActivityRescheduled.type, ...(withLines ? [MemberCheckedIn.type, MemberCheckedOut.type] : [])];
    const stream = await this.events
      .find({ aggregateId: activityId, version: { $lte: version }, type: { $in: types } }, { envelope: 1, version: 1 })
      .sort({ version: 1 })
      .lean<StoredEvent[]>()
      .exec();
    let at: ActivityAt | null = null;
    for (const { envelope } of stream) {
      const e = envelope as unknown as EventEnvelope;
      if (e.type === ActivityScheduled.type) {
        const d = e.data as unknown as ActivityScheduledData;
        at = { place: { districtId: d.districtId, subDistrictId: d.subDistrictId, zoneId: d.zoneId ?? null }, startsAt: d.startsAt, lines: new Map() };
      } else if (!at) {
        continue;
      } else if (e.type === ActivityRescheduled.type) {
        at.startsAt = (e.data as unknown as { startsAt: string }).startsAt;
      } else if (e.type === MemberCheckedIn.type) {
        const d = e.data as unknown as MemberCheckedInData;
        at.lines.set(d.memberId, { organizationId: at.lines.get(d.memberId)?.organizationId ?? d.organizationId, volunteerHours: 0 });
      } else {
        const d = e.data as unknown as MemberCheckedOutData;
        const line = at.lines.get(d.memberId);
        if (line) line.volunteerHours = d.volunteerHours;
      }
    }
    return at;
  }
}
