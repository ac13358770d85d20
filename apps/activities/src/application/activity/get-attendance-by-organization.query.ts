import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import type { Activity } from '../../domain/activity/activity';
import { parsePeriod } from '../../domain/compliance/organization-life';
import { Activities } from '../../infrastructure/aggregates';
import { Doc, Filter } from '../shared/reads';

/** 出勤率 per organization: everyone expected at activities in the period, grouped by the organization they attended for. */
export class GetAttendanceByOrganization {
  constructor(
    readonly filter: Filter,
    readonly period: string,
  ) {}
}

@QueryHandler(GetAttendanceByOrganization)
export class GetAttendanceByOrganizationHandler implements IQueryHandler<GetAttendanceByOrganization> {
  constructor(@InjectSnapshots(Activities) private readonly activities: Model<Doc<Activity>>) {}

  async execute({ filter, period }: GetAttendanceByOrganization) {
    const unit = parsePeriod(period);
    // Streamed (no cap): a city's year holds more activities than one read should carry.
    const docs = this.activities
      .find({ ...filter, status: 'PUBLISHED', startsAt: { $gte: unit.start.toISOString(), $lt: unit.end.toISOString() } }, { participants: 1 })
      .lean<Doc<Activity>[]>()
      .cursor({ batchSize: 500 });
    const byOrg = new Map<string, { organizationId: string; activities: Set<string>; expected: number; attended: number; onLeave: number }>();
    for await (const a of docs as AsyncIterable<Doc<Activity>>) {
      for (const p of a.participants ?? []) {
        const row = byOrg.get(p.organizationId) ?? { organizationId: p.organizationId, activities: new Set<string>(), expected: 0, attended: 0, onLeave: 0 };
        row.activities.add(a._id);
        if (p.status === 'REGISTERED' || p.status === 'ON_LEAVE') row.expected++;
        if (p.checkedInAt) row.attended++;
        if (p.status === 'ON_LEAVE') row.onLeave++;
        byOrg.set(p.organizationId, row);
      }
    }
    return [...byOrg.values()]
      .map((r) => ({
        organizationId: r.organizationId,
        activities: r.activities.size,
        expected: r.expected,
        attended: r.attended,
        onLeave: r.onLeave,
        rate: r.expected ? Math.round((r.attended / r.expected) * 1000) / 1000 : null,
      }))
      .sort((a, b) => a.organizationId.localeCompare(b.organizationId));
  }
}
